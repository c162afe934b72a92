//! The baselines of `benches/load.sh`: plain axum handlers on the route of
//! the example service's `GET /api/files/{hash}`, with the same path
//! extractor, without error-table.
//!
//! ```sh
//! cargo run --release --example load_baseline -- 127.0.0.1:3001 response.txt
//! cargo run --release --example load_baseline -- 127.0.0.1:3001 --by-hand
//! ```
//!
//! The first answers with fixed bytes, those the service sent for one
//! error response: `response.txt` is a response as `curl -si` prints it,
//! the status line, the headers (`date` and `content-length` are left to
//! the server), an empty line and the body. The second does by hand the
//! work that the service's response takes, as a service written without
//! error-table would: a new UUID as the correlation ID, the message in
//! German when the first language range asks for it, a serde-derived
//! envelope written by `serde_json`, and the same headers.

#![deny(warnings, missing_docs, clippy::pedantic)]

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;

/// The fixed response: status, headers and body.
#[derive(Clone)]
struct Fixed {
    status: StatusCode,
    headers: HeaderMap,
    body: &'static str,
}

impl Fixed {
    /// Reads `text`, a response as `curl -si` prints it.
    fn parse(text: &'static str) -> Result<Self, String> {
        let (head, body) = text
            .split_once("\r\n\r\n")
            .ok_or("no empty line after the headers")?;
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|line| line.split(' ').nth(1))
            .and_then(|code| code.parse::<StatusCode>().ok())
            .ok_or("no status line")?;
        let mut headers = HeaderMap::new();
        for line in lines {
            let (name, value) = line.split_once(": ").ok_or("a header without `: `")?;
            let name: HeaderName = name.parse().map_err(|_| format!("header name {name}"))?;
            if name == "date" || name == "content-length" {
                continue;
            }
            let value = HeaderValue::from_str(value).map_err(|_| format!("value of {name}"))?;
            headers.append(name, value);
        }
        Ok(Self {
            status,
            headers,
            body,
        })
    }
}

impl IntoResponse for Fixed {
    fn into_response(self) -> Response {
        (self.status, self.headers, self.body).into_response()
    }
}

/// The JSON envelope, as a service without error-table derives it.
#[derive(Serialize)]
struct Envelope<'a> {
    error: Body<'a>,
}

/// The `error` member of [`Envelope`].
#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: String,
    target: &'a str,
    metadata: Metadata<'a>,
}

/// The field of the invalid-hash error.
#[derive(Serialize)]
struct Metadata<'a> {
    invalid_hash: &'a str,
}

/// The invalid-hash error response written by hand.
async fn by_hand(Path(hash): Path<String>, request: HeaderMap) -> Response {
    let german = request
        .get("accept-language")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("de"));
    let (message, language) = if german {
        (format!("Der Hashwert {hash} ist ungültig."), "de-DE")
    } else {
        (format!("Hash value {hash} is invalid."), "en-US")
    };
    let mut id = uuid::Uuid::encode_buffer();
    let id = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut id);
    let envelope = Envelope {
        error: Body {
            code: "InvalidHashValue",
            message,
            target: id,
            metadata: Metadata {
                invalid_hash: &hash,
            },
        },
    };
    let body = serde_json::to_vec(&envelope).unwrap_or_default();
    let headers = [
        ("content-type", "application/json"),
        ("x-error-code", "InvalidHashValue"),
        ("content-language", language),
        ("vary", "accept-language"),
        ("x-request-id", id),
    ];
    let mut response = (StatusCode::BAD_REQUEST, body).into_response();
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::from_str(value) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, mode] = args.as_slice() else {
        return Err("usage: load_baseline ADDR (RESPONSE_FILE | --by-hand)".into());
    };
    let route = "/api/files/{hash}";
    let app = if mode == "--by-hand" {
        Router::new().route(route, get(by_hand))
    } else {
        let text: &'static str = std::fs::read_to_string(mode)?.leak();
        let fixed = Fixed::parse(text)?;
        let handler = move |Path(_hash): Path<String>| {
            let fixed = fixed.clone();
            async move { fixed }
        };
        Router::new().route(route, get(handler))
    };
    let listener = tokio::net::TcpListener::bind(addr.as_str()).await?;
    println!("serving on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
