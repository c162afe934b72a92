//! The API of the example service: a few endpoints in the style of the
//! Defender for Endpoint API, whose handlers return the errors of
//! `spec/errors.md`. Nothing here converts errors into responses: the
//! generated `Error` is axum's `IntoResponse`, and `ErrorLayer` fills in
//! the correlation ID.

use std::net::IpAddr;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query};
use axum::routing::{get, post};
use axum::{Json, Router};
use error_table::axum::ErrorLayer;
use serde::{Deserialize, Serialize};

error_table::include_error_table!(
    "spec/errors.md",
    fields = { batch_size_received: usize, batch_size_allowed: usize },
);

/// The most indicators one batch may hold.
pub const MAX_BATCH: usize = 500;

/// The routes, without the layer (tests add routes of their own).
pub fn routes() -> Router {
    Router::new()
        .route("/api/files/{hash}", get(file))
        .route("/api/machines", get(machines))
        .route("/api/indicators/batch", post(indicators))
}

/// The service: the routes behind the correlation-ID layer.
pub fn app() -> Router {
    routes().layer(ErrorLayer::new())
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
