//! The API of the example service: a few endpoints in the style of the
//! Defender for Endpoint API, whose handlers return the errors of
//! `spec/errors.md`. Nothing here converts errors into responses: the
//! generated `Error` is axum's `IntoResponse`, and `ErrorLayer` fills in
//! the correlation ID, writes the message in the caller's language (the
//! translations of `spec/` and a German one next to this file), logs the
//! causes of errors, and turns axum's own rejections into rows.

use std::net::IpAddr;
use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use error_table::axum::ErrorLayer;
use error_table::{ResultExt as _, WithSource};
use serde::{Deserialize, Serialize};

error_table::include_error_table!(
    "spec/errors.md",
    fields = { batch_size_received: usize, batch_size_allowed: usize },
    locales = ["spec/errors.*.md", "examples/service/errors.de-DE.md"],
);

/// The most indicators one batch may hold.
pub const MAX_BATCH: usize = 500;

/// The routes, without the layer (tests add routes of their own).
pub fn routes() -> Router {
    Router::new()
        .route("/api/files/{hash}", get(file))
        .route("/api/machines", get(machines))
        .route("/api/indicators/batch", post(indicators))
        .route("/api/machines/{id}/alerts", get(alerts))
        .route("/api/advancedqueries/run", post(hunting_query))
}

/// The service: the routes behind the layer, which also answers every
/// error that no handler made (an unknown route, a wrong method, a bare
/// status) with a row of the table.
pub fn app() -> Router {
    routes().layer(ErrorLayer::new().rejections(rejection_row))
}

/// The row for an error response of `status` that no handler made.
#[must_use]
pub fn rejection_row(status: StatusCode) -> Option<Error> {
    let row = match status {
        StatusCode::UNAUTHORIZED => Error::Unauthorized,
        StatusCode::FORBIDDEN => Error::Forbidden,
        StatusCode::NOT_FOUND => Error::NotFound,
        StatusCode::TOO_MANY_REQUESTS => Error::TooManyRequests,
        _ if status.is_server_error() => Error::InternalServerError,
        // 405, 413, 415, 422 and the rest: the table has no row of its own
        // for them, so they answer as its general 400.
        _ if status.is_client_error() => Error::BadRequest,
        _ => return None,
    };
    Some(row)
}

/// A file the service knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct File {
    /// Its SHA-1, lowercase hex.
    pub sha1: String,
    /// Its name.
    pub name: String,
}

/// The one file in the service's store.
pub const KNOWN_SHA1: &str = "4388963aaa83afe2042a46a3c017ad50bdcdafb3";

/// `GET /api/files/{hash}`: a file by its SHA-1 or SHA-256.
async fn file(Path(hash): Path<String>) -> Result<Json<File>, Error> {
    let hex = hash.bytes().all(|byte| byte.is_ascii_hexdigit());
    if !(hex && matches!(hash.len(), 40 | 64)) {
        return Err(Error::InvalidHashValue {
            invalid_hash: hash.into(),
        });
    }
    if hash.eq_ignore_ascii_case(KNOWN_SHA1) {
        return Ok(Json(File {
            sha1: KNOWN_SHA1.to_owned(),
            name: "notepad.exe".to_owned(),
        }));
    }
    Err(Error::ResourceNotFound {
        requested_resource: format!("File {hash}").into(),
    })
}

/// The query of `GET /api/machines`.
#[derive(Debug, Deserialize)]
struct MachineQuery {
    #[serde(rename = "computerDnsName")]
    computer_dns_name: Option<String>,
}

/// `GET /api/machines?computerDnsName=…`: the machines of that name.
async fn machines(Query(query): Query<MachineQuery>) -> Result<Json<Vec<String>>, Error> {
    let name = query
        .computer_dns_name
        .ok_or(Error::MissingRequiredParameter {
            missing_parameter: "computerDnsName".into(),
        })?;
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(Error::InvalidDomainName {
            invalid_domain: name.into(),
        });
    }
    Ok(Json(vec![name]))
}

/// The body of `POST /api/indicators/batch`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Batch {
    /// IP addresses to block.
    pub indicators: Vec<String>,
}

/// What `POST /api/indicators/batch` answers.
#[derive(Debug, Serialize, Deserialize)]
pub struct Accepted {
    /// How many indicators were taken.
    pub accepted: usize,
}

/// `POST /api/indicators/batch`: up to [`MAX_BATCH`] IP addresses.
async fn indicators(batch: Result<Json<Batch>, JsonRejection>) -> Result<Json<Accepted>, Error> {
    let Json(batch) = batch.map_err(|_| Error::InvalidRequestBody)?;
    if batch.indicators.len() > MAX_BATCH {
        return Err(Error::MaximumBatchSizeExceeded {
            batch_size_received: batch.indicators.len(),
            batch_size_allowed: MAX_BATCH,
        });
    }
    if let Some(bad) = batch
        .indicators
        .iter()
        .find(|ip| ip.parse::<IpAddr>().is_err())
    {
        return Err(Error::InvalidIpAddress {
            invalid_ip: bad.clone().into(),
        });
    }
    Ok(Json(Accepted {
        accepted: batch.indicators.len(),
    }))
}

/// The alerts store of the service, which the example never reaches: a
/// stand-in for a database that is down.
///
/// # Errors
///
/// Always: the connection is refused.
pub fn load_alerts(machine: &str) -> std::io::Result<Vec<String>> {
    Err(std::io::Error::new(
        std::io::ErrorKind::ConnectionRefused,
        format!("alerts-db.internal:5432 refused the connection for machine {machine}"),
    ))
}

/// `GET /api/machines/{id}/alerts`: the alerts of a machine. The store's
/// error becomes the table's 500 row with `?`; the layer logs it with the
/// correlation ID, and the client sees the row's message only.
async fn alerts(Path(machine): Path<String>) -> Result<Json<Vec<String>>, WithSource<Error>> {
    let alerts = load_alerts(&machine).or_row(Error::InternalServerError)?;
    Ok(Json(alerts))
}

/// How long a caller whose hunting quota is used up waits.
pub const HUNTING_RETRY_AFTER: Duration = Duration::from_secs(30);

/// `POST /api/advancedqueries/run`: the example's hunting quota is always
/// used up, so every call answers 429 with a `Retry-After`.
async fn hunting_query() -> Result<Json<Vec<String>>, WithSource<Error>> {
    Err(WithSource::from(Error::TooManyRequests).with_retry_after(HUNTING_RETRY_AFTER))
}
