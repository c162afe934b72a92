//! The baseline of `benches/load.sh`: a plain axum handler on the route of
//! the example service's `GET /api/files/{hash}`, with the same path
//! extractor, that answers with fixed bytes, those the service sent for one
//! error response, without error-table.
//!
//! ```sh
//! cargo run --release --example load_baseline -- 127.0.0.1:3001 response.txt
//! ```
//!
//! `response.txt` is a response as `curl -si` prints it: the status line,
//! the headers (`date` and `content-length` are left to the server), an
//! empty line and the body.

#![deny(warnings, missing_docs, clippy::pedantic)]

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

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

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, file] = args.as_slice() else {
        return Err("usage: load_baseline ADDR RESPONSE_FILE".into());
    };
    let text: &'static str = std::fs::read_to_string(file)?.leak();
    let fixed = Fixed::parse(text)?;
    let handler = move |Path(_hash): Path<String>| {
        let fixed = fixed.clone();
        async move { fixed }
    };
    let app = Router::new().route("/api/files/{hash}", get(handler));
    let listener = tokio::net::TcpListener::bind(addr.as_str()).await?;
    println!("serving on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
