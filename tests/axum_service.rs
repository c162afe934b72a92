//! The example service (`examples/service/`) on a real axum server on
//! 127.0.0.1, called over TCP: the raw response bytes, then a `reqwest`
//! client that reads every code of the table back into the same typed
//! error.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![deny(warnings, clippy::pedantic)]

#[path = "../examples/service/api.rs"]
mod api;
#[path = "support/samples.rs"]
mod samples;

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use error_table::axum::ErrorLayer;
use error_table::http::HeaderName;
use error_table::reqwest::ResponseExt as _;
use error_table::{ClientError, DecodeErrorKind, ReceivedCode};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

use crate::api::{Error, ErrorCode};

/// How long one exchange with the server may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// `GET /test/errors/{code}`: the sample error of that code.
async fn sample_error(Path(code): Path<String>) -> Result<(), Error> {
    let code = ErrorCode::from_code(&code).ok_or(Error::NotFound)?;
    Err(samples::sample(code))
}

/// `GET /test/newer-server`: an error whose code this table lacks, as a
/// newer version of the service would send it.
async fn newer_server() -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [("content-type", "application/json")],
        r#"{"error":{"code":"QuotaExhausted","message":"The daily quota of 1000 calls is used up.","target":"req-42"}}"#,
    )
        .into_response()
}

/// The example's routes and the test routes, with `layer`.
fn app(layer: Option<ErrorLayer>) -> Router {
    let routes = api::routes()
        .route("/test/errors/{code}", get(sample_error))
        .route("/test/newer-server", get(newer_server));
    match layer {
        Some(layer) => routes.layer(layer),
        None => routes,
    }
}

/// Serves `app` on a free port of 127.0.0.1 for as long as the test's
/// runtime lives.
async fn start(app: Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// Sends `request` as it is and returns the whole response, without its
/// `date` header (the one part that changes).
async fn raw(addr: SocketAddr, request: &str) -> String {
    let exchange = async {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.unwrap();
        response
    };
    let response = tokio::time::timeout(TIMEOUT, exchange)
        .await
        .expect("the server answers in time");
    String::from_utf8(response)
        .unwrap()
        .split_inclusive("\r\n")
        .filter(|line| !line.starts_with("date: "))
        .collect()
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(TIMEOUT)
        .build()
        .unwrap()
}

#[tokio::test]
async fn an_invalid_hash_is_answered_exactly_as_the_spec_shows() {
    let addr = start(api::app()).await;
    let response = raw(
        addr,
        "GET /api/files/0xZZ HTTP/1.1\r\nhost: localhost\r\nx-request-id: 43f4cb08-8fac-4b65-9db1-745c2ae65f3a\r\nconnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(
        response,
        "HTTP/1.1 400 Bad Request\r\n\
         content-type: application/json\r\n\
         x-error-code: InvalidHashValue\r\n\
         x-request-id: 43f4cb08-8fac-4b65-9db1-745c2ae65f3a\r\n\
         content-length: 125\r\n\
         connection: close\r\n\
         \r\n\
         {\"error\":{\"code\":\"InvalidHashValue\",\"message\":\"Hash value 0xZZ is invalid.\",\"target\":\"43f4cb08-8fac-4b65-9db1-745c2ae65f3a\"}}"
    );
}

#[tokio::test]
async fn every_code_comes_back_to_the_client_as_the_same_variant_and_fields() {
    let addr = start(app(Some(ErrorLayer::new()))).await;
    let client = client();
    assert_eq!(ErrorCode::ALL.len(), 20);
    for (n, &code) in ErrorCode::ALL.iter().enumerate() {
        let sent = samples::sample(code);
        let id = format!("req-{n}");
        let response = client
            .get(format!("http://{addr}/test/errors/{code}"))
            .header("x-request-id", &id)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), code.status(), "{code}");
        let headers = response.headers();
        assert_eq!(headers["content-type"], "application/json", "{code}");
        assert_eq!(headers["x-error-code"], code.as_str());
        assert_eq!(headers["x-request-id"], id.as_str());
        let expected_body = serde_json::to_string(&sent.to_envelope(Some(&id))).unwrap();
        assert_eq!(headers["content-length"], expected_body.len().to_string());

        let Err(ClientError::Api(received)) = response.error_for_table::<Error>().await else {
            panic!("{code}: not read as an error of the table");
        };
        assert_eq!(received.code(), &ReceivedCode::Known(code));
        assert_eq!(received.status(), Some(code.status()));
        assert_eq!(received.target(), Some(id.as_str()));
        assert_eq!(received.message(), sent.to_string());
        assert_eq!(received.error(), Some(&sent), "{code}");
        assert_eq!(received.into_error().unwrap(), sent);
    }
}

#[tokio::test]
async fn the_body_is_the_envelope_byte_for_byte() {
    let addr = start(app(Some(ErrorLayer::new()))).await;
    for &code in ErrorCode::ALL {
        let request = format!(
            "GET /test/errors/{code} HTTP/1.1\r\nhost: localhost\r\nx-request-id: r1\r\nconnection: close\r\n\r\n"
        );
        let response = raw(addr, &request).await;
        let error = samples::sample(code);
        let body = serde_json::to_string(&error.to_envelope(Some("r1"))).unwrap();
        let status = error.status_code();
        let reason = status.canonical_reason().unwrap();
        assert_eq!(
            response,
            format!(
                "HTTP/1.1 {} {reason}\r\ncontent-type: application/json\r\nx-error-code: {code}\r\nx-request-id: r1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                status.as_u16(),
                body.len()
            ),
        );
    }
}

/// The typed error of an error response.
async fn read(response: reqwest::Response) -> Error {
    match response.error_for_table::<Error>().await {
        Err(ClientError::Api(received)) => received.into_error().unwrap(),
        Err(error) => panic!("{error}"),
        Ok(response) => panic!("a success: {}", response.status()),
    }
}

/// The body of a success response.
async fn success(response: reqwest::Response) -> String {
    match response.error_for_table::<Error>().await {
        Ok(response) => response.text().await.unwrap(),
        Err(error) => panic!("{error}"),
    }
}

#[tokio::test]
async fn the_file_handler_answers_invalid_hashes_and_unknown_files() {
    let base = format!("http://{}", start(api::app()).await);
    let client = client();
    let get = |path: String| client.get(format!("{base}{path}")).send();

    let unknown = "ab".repeat(20);
    assert_eq!(
        read(get(format!("/api/files/{unknown}")).await.unwrap()).await,
        Error::ResourceNotFound {
            requested_resource: format!("File {unknown}").into()
        }
    );
    assert_eq!(
        read(get("/api/files/0xZZ".to_owned()).await.unwrap()).await,
        Error::InvalidHashValue {
            invalid_hash: "0xZZ".into()
        }
    );
    let body = success(
        get(format!("/api/files/{}", api::KNOWN_SHA1))
            .await
            .unwrap(),
    )
    .await;
    let file: api::File = serde_json::from_str(&body).unwrap();
    assert_eq!(file.name, "notepad.exe");
}

#[tokio::test]
async fn the_machines_handler_answers_a_missing_or_invalid_parameter() {
    let base = format!("http://{}", start(api::app()).await);
    let client = client();
    let get = |path: &str| client.get(format!("{base}{path}")).send();

    assert_eq!(
        read(get("/api/machines").await.unwrap()).await,
        Error::MissingRequiredParameter {
            missing_parameter: "computerDnsName".into()
        }
    );
    assert_eq!(
        read(get("/api/machines?computerDnsName=pc%201").await.unwrap()).await,
        Error::InvalidDomainName {
            invalid_domain: "pc 1".into()
        }
    );
    assert_eq!(
        success(get("/api/machines?computerDnsName=pc-1").await.unwrap()).await,
        r#"["pc-1"]"#
    );
}

#[tokio::test]
async fn the_batch_handler_answers_a_batch_too_large_with_typed_sizes() {
    let base = format!("http://{}", start(api::app()).await);
    let client = client();
    let post = |body: String| {
        client
            .post(format!("{base}/api/indicators/batch"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };

    let batch = serde_json::to_string(&api::Batch {
        indicators: vec!["192.0.2.1".to_owned(); api::MAX_BATCH + 1],
    })
    .unwrap();
    assert_eq!(
        read(post(batch).await.unwrap()).await,
        Error::MaximumBatchSizeExceeded {
            batch_size_received: 501,
            batch_size_allowed: 500
        }
    );
    let bad_ip = r#"{"indicators":["192.0.2.1","192.0.2.300"]}"#.to_owned();
    assert_eq!(
        read(post(bad_ip).await.unwrap()).await,
        Error::InvalidIpAddress {
            invalid_ip: "192.0.2.300".into()
        }
    );
    assert_eq!(
        read(post("{".to_owned()).await.unwrap()).await,
        Error::InvalidRequestBody
    );
    let good = r#"{"indicators":["192.0.2.1","2001:db8::1"]}"#.to_owned();
    let accepted: api::Accepted =
        serde_json::from_str(&success(post(good).await.unwrap()).await).unwrap();
    assert_eq!(accepted.accepted, 2);
}

#[tokio::test]
async fn every_response_gets_a_new_id_unless_the_request_brings_one() {
    let addr = start(app(Some(ErrorLayer::new()))).await;
    let client = client();
    let mut targets = Vec::new();
    for _ in 0..3 {
        let response = client
            .get(format!("http://{addr}/test/errors/NotFound"))
            .send()
            .await
            .unwrap();
        let header = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        let received = response.decode_error::<Error>().await.unwrap();
        assert_eq!(
            received.target(),
            Some(header.as_str()),
            "the same ID in both"
        );
        assert_eq!(header.len(), 36, "a UUID: {header}");
        targets.push(header);
    }
    targets.sort();
    targets.dedup();
    assert_eq!(targets.len(), 3, "no ID twice");

    // A success gets the header, and its body is left alone.
    let response = client
        .get(format!("http://{addr}/api/machines?computerDnsName=pc-1"))
        .header("x-request-id", "trace-me")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "trace-me");
    assert_eq!(response.text().await.unwrap(), r#"["pc-1"]"#);

    // An ID that is too long, or not visible ASCII, is replaced.
    for bad in ["x".repeat(129), "two words".to_owned()] {
        let response = client
            .get(format!("http://{addr}/test/errors/NotFound"))
            .header("x-request-id", &bad)
            .send()
            .await
            .unwrap();
        let header = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_ne!(header, bad);
        assert_eq!(header.len(), 36);
    }
}

#[tokio::test]
async fn the_code_and_id_headers_can_be_named_azure_style() {
    let layer = ErrorLayer::new()
        .code_header(HeaderName::from_static("x-ms-error-code"))
        .request_id_header(HeaderName::from_static("x-ms-request-id"));
    let addr = start(app(Some(layer))).await;
    let response = raw(
        addr,
        "GET /test/errors/DisabledFeature HTTP/1.1\r\nhost: localhost\r\nx-ms-request-id: ms-1\r\nx-request-id: other\r\nconnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(
        response,
        "HTTP/1.1 403 Forbidden\r\n\
         content-type: application/json\r\n\
         x-ms-error-code: DisabledFeature\r\n\
         x-ms-request-id: ms-1\r\n\
         content-length: 95\r\n\
         connection: close\r\n\
         \r\n\
         {\"error\":{\"code\":\"DisabledFeature\",\"message\":\"Tenant feature is not enabled.\",\"target\":\"ms-1\"}}"
    );
}

#[tokio::test]
async fn without_the_layer_errors_are_complete_but_have_no_target() {
    let addr = start(app(None)).await;
    let response = raw(
        addr,
        "GET /test/errors/NotFound HTTP/1.1\r\nhost: localhost\r\nx-request-id: ignored\r\nconnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(
        response,
        "HTTP/1.1 404 Not Found\r\n\
         content-type: application/json\r\n\
         x-error-code: NotFound\r\n\
         content-length: 74\r\n\
         connection: close\r\n\
         \r\n\
         {\"error\":{\"code\":\"NotFound\",\"message\":\"General Not Found error message.\"}}"
    );
}

#[tokio::test]
async fn an_unknown_code_from_the_server_is_kept_verbatim() {
    let addr = start(app(Some(ErrorLayer::new()))).await;
    let response = client()
        .get(format!("http://{addr}/test/newer-server"))
        .send()
        .await
        .unwrap();
    let Err(ClientError::Api(received)) = response.error_for_table::<Error>().await else {
        panic!("not read as an API error");
    };
    assert_eq!(
        received.code(),
        &ReceivedCode::Unknown("QuotaExhausted".to_owned())
    );
    assert_eq!(received.code().as_str(), "QuotaExhausted");
    assert_eq!(received.known_code(), None);
    assert_eq!(
        received.message(),
        "The daily quota of 1000 calls is used up."
    );
    assert_eq!(received.target(), Some("req-42"));
    assert_eq!(received.status(), Some(429));
    assert_eq!(received.error(), None);
    assert_eq!(
        received.to_string(),
        "HTTP 429 QuotaExhausted: The daily quota of 1000 calls is used up. (target req-42)"
    );
}

#[tokio::test]
async fn a_response_that_is_not_an_envelope_is_a_decode_error_with_its_status() {
    let addr = start(app(Some(ErrorLayer::new()))).await;
    // No such route: axum's own 404 has an empty body.
    let response = client()
        .get(format!("http://{addr}/nowhere"))
        .send()
        .await
        .unwrap();
    let Err(ClientError::Undecodable(error)) = response.error_for_table::<Error>().await else {
        panic!("an empty body read as an envelope");
    };
    assert_eq!(error.kind(), DecodeErrorKind::NotJson);
    assert_eq!(error.status(), Some(404));
    assert_eq!(
        error.to_string(),
        "the error response (HTTP 404) is not JSON"
    );
    let source = std::error::Error::source(&error).unwrap().to_string();
    assert!(source.starts_with("EOF while parsing"), "{source}");
}
