//! The example service's error response in-process: one request through an
//! axum `Router` without sockets, from the request to the body's bytes, for
//! the parts that `benches/load.sh` measures under load together.
//!
//! `cargo bench -p error-table-benches --bench server`; instructions with
//! `BENCH_TARGET=server bash benches/instructions.sh 'service/layer, de-DE'`.
//!
//! - `plain`: a handler returning fixed bytes (the load test's baseline);
//! - `into_response`: the generated `IntoResponse`, no layer;
//! - `layer`: with `ErrorLayer`, no `Accept-Language`;
//! - `layer, de-DE`: with the German `Accept-Language` of the load test.

// A benchmark fails loudly by design.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod count;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use axum::Router;
use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use count::{Group, config, run};
use criterion::{Criterion, criterion_group, criterion_main};
use error_table::axum::ErrorLayer;
use tower_service::Service;

error_table::include_error_table!(
    "../spec/errors.md",
    fields = { batch_size_received: usize, batch_size_allowed: usize },
    locales = ["../spec/errors.*.md", "../examples/service/errors.de-DE.md"],
);

const PATH: &str = "/api/files/0xZZ";
const ROUTE: &str = "/api/files/{hash}";
const GERMAN: &str = "de-DE,de;q=0.9,en;q=0.5";

/// The example service's handler for a hash that is not one.
async fn invalid_hash(Path(hash): Path<String>) -> Result<&'static str, Error> {
    Err(Error::InvalidHashValue {
        invalid_hash: hash.into(),
    })
}

/// The error response's status, headers and bytes as a plain handler
/// returns them.
fn plain_router() -> Router {
    let body = r#"{"error":{"code":"InvalidHashValue","message":"Der Hashwert 0xZZ ist ungültig.","target":"3f0b8c1e-5a7d-4c2e-9b1f-0d6e4a2c8b7d","metadata":{"invalid_hash":"0xZZ"}}}"#;
    let handler = move |Path(_hash): Path<String>| async move {
        let headers = [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::HeaderName::from_static("x-error-code"),
                "InvalidHashValue",
            ),
            (header::CONTENT_LANGUAGE, "de-DE"),
            (header::VARY, "accept-language"),
            (
                header::HeaderName::from_static("x-request-id"),
                "3f0b8c1e-5a7d-4c2e-9b1f-0d6e4a2c8b7d",
            ),
        ];
        (StatusCode::BAD_REQUEST, headers, body).into_response()
    };
    Router::new().route(ROUTE, get(handler))
}

/// Polls `future` once: every future here is ready at once (no I/O).
fn ready<F: Future>(future: F) -> F::Output {
    let mut context = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a future of the in-process service waited"),
    }
}

/// One request through `router`, to the bytes of the response's body.
fn respond(router: &mut Router, accept_language: Option<&'static str>) -> (StatusCode, usize) {
    let mut request = Request::get(PATH).body(Body::empty()).unwrap();
    if let Some(value) = accept_language {
        let value = HeaderValue::from_static(value);
        request.headers_mut().insert(header::ACCEPT_LANGUAGE, value);
    }
    let response = ready(router.call(request)).unwrap();
    let status = response.status();
    let bytes = ready(axum::body::to_bytes(response.into_body(), usize::MAX)).unwrap();
    (status, bytes.len())
}

fn service(c: &mut Criterion) {
    let cases: [(&str, Router, Option<&'static str>); 4] = [
        ("plain", plain_router(), Some(GERMAN)),
        (
            "into_response",
            Router::new().route(ROUTE, get(invalid_hash)),
            None,
        ),
        (
            "layer",
            Router::new()
                .route(ROUTE, get(invalid_hash))
                .layer(ErrorLayer::new()),
            None,
        ),
        (
            "layer, de-DE",
            Router::new()
                .route(ROUTE, get(invalid_hash))
                .layer(ErrorLayer::new()),
            Some(GERMAN),
        ),
    ];
    let mut group = Group::new(c, "service");
    for (name, router, language) in cases {
        // As `axum::serve` routes (`into_make_service`): each handler made
        // a route once, not again for every request.
        let mut router = router.with_state(());
        let (status, length) = respond(&mut router, language);
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
        assert!(length > 50, "{name}: a body of {length} bytes");
        run(&mut group, name, || respond(&mut router, language));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = service
}
criterion_main!(benches);
