//! The example service (`examples/service/`) on a real axum server on
//! 127.0.0.1, called over TCP: the raw response bytes, then a `reqwest`
//! client that reads every code of the table back into the same typed
//! error.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![deny(warnings, clippy::pedantic)]

#[path = "../examples/service/api.rs"]
mod api;
#[path = "support/counted.rs"]
mod counted;
#[path = "support/log.rs"]
mod log;
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
async fn an_invalid_hash_is_answered_byte_for_byte_as_the_readme_shows() {
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
         content-language: en-US\r\n\
         vary: accept-language\r\n\
         x-request-id: 43f4cb08-8fac-4b65-9db1-745c2ae65f3a\r\n\
         content-length: 160\r\n\
         connection: close\r\n\
         \r\n\
         {\"error\":{\"code\":\"InvalidHashValue\",\"message\":\"Hash value 0xZZ is invalid.\",\"target\":\"43f4cb08-8fac-4b65-9db1-745c2ae65f3a\",\"metadata\":{\"invalid_hash\":\"0xZZ\"}}}"
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
                "HTTP/1.1 {} {reason}\r\ncontent-type: application/json\r\nx-error-code: {code}\r\ncontent-language: en-US\r\nvary: accept-language\r\nx-request-id: r1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
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
         content-language: en-US\r\n\
         vary: accept-language\r\n\
         x-ms-request-id: ms-1\r\n\
         content-length: 109\r\n\
         connection: close\r\n\
         \r\n\
         {\"error\":{\"code\":\"DisabledFeature\",\"message\":\"Tenant feature is not enabled.\",\"target\":\"ms-1\",\"metadata\":{}}}"
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
         content-length: 88\r\n\
         connection: close\r\n\
         \r\n\
         {\"error\":{\"code\":\"NotFound\",\"message\":\"General Not Found error message.\",\"metadata\":{}}}"
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

/// `GET /api/files/0xZZ` with `Accept-Language: accept_language`.
async fn invalid_hash_in(addr: SocketAddr, accept_language: &str) -> reqwest::Response {
    client()
        .get(format!("http://{addr}/api/files/0xZZ"))
        .header("accept-language", accept_language)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_german_browser_gets_german_messages_with_content_language_and_vary() {
    let addr = start(api::app()).await;
    let response = invalid_hash_in(addr, "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7").await;
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()["content-language"], "de-DE");
    assert_eq!(response.headers()["vary"], "accept-language");
    let received = response.decode_error::<Error>().await.unwrap();
    assert_eq!(
        received.code(),
        &ReceivedCode::Known(ErrorCode::InvalidHashValue)
    );
    assert_eq!(received.message(), "Der Hashwert 0xZZ ist ungültig.");
}

#[tokio::test]
async fn a_simplified_chinese_browser_gets_the_canonical_text_not_the_traditional_table() {
    let addr = start(api::app()).await;
    for accept_language in ["zh-CN,zh;q=0.9", "zh-Hans", "zh-SG"] {
        let response = invalid_hash_in(addr, accept_language).await;
        assert_eq!(
            response.headers()["content-language"],
            "en-US",
            "{accept_language}"
        );
        let received = response.decode_error::<Error>().await.unwrap();
        assert_eq!(received.message(), "Hash value 0xZZ is invalid.");
    }
    let response = invalid_hash_in(addr, "zh-TW").await;
    assert_eq!(response.headers()["content-language"], "zh-TW");
    let response = invalid_hash_in(addr, "zh-HK").await;
    assert_eq!(
        response.headers()["content-language"],
        "zh-TW",
        "Hong Kong reads Hant"
    );
}

#[tokio::test]
async fn q_weights_choose_the_locale() {
    let addr = start(api::app()).await;
    let response = invalid_hash_in(addr, "fr;q=0.4, sv;q=0.8, ko;q=0.6").await;
    assert_eq!(response.headers()["content-language"], "sv-SE");
    let response = invalid_hash_in(addr, "sv;q=0, fr-CA;q=0.1").await;
    assert_eq!(response.headers()["content-language"], "fr-FR");
}

#[tokio::test]
async fn a_failing_database_answers_the_500_row_and_logs_its_cause_once() {
    // The server runs on this thread: a default subscriber for it sees all.
    let log = log::Log::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let addr = start(api::app()).await;
    let response = client()
        .get(format!("http://{addr}/api/machines/pc-042/alerts"))
        .header("x-request-id", "req-db-1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    let body = response.text().await.unwrap();
    assert_eq!(
        body,
        serde_json::to_string(&Error::InternalServerError.to_envelope(Some("req-db-1"))).unwrap()
    );
    assert!(
        !body.contains("alerts-db"),
        "the cause is not on the wire: {body}"
    );
    let lines = log.lines_with("cause");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    let line = &lines[0];
    let cause = api::load_alerts("pc-042").unwrap_err().to_string();
    for part in [
        "ERROR",
        "request_id=req-db-1",
        "code=\"InternalServerError\"",
        "status=500",
        &format!("cause={cause}"),
    ] {
        assert!(line.contains(part), "{part} in {line}");
    }
}

#[tokio::test]
async fn a_429_carries_retry_after_and_the_client_reads_it() {
    let addr = start(api::app()).await;
    let response = client()
        .post(format!("http://{addr}/api/advancedqueries/run"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "30");
    let Err(ClientError::Api(received)) = response.error_for_table::<Error>().await else {
        panic!("not read as an API error");
    };
    assert_eq!(received.retry_after(), Some(api::HUNTING_RETRY_AFTER));
    assert!(received.is_retryable());
    assert_eq!(received.error(), Some(&Error::TooManyRequests));
}

mod retry {
    error_table::include_error_table!("tests/fixtures/retry.md", fields = { retry_after_seconds: u32 });
}

/// `GET /test/retry/{code}`: an error of the retry table with a delay of
/// 12 seconds where its row has one.
async fn retry_error(Path(code): Path<String>) -> Result<(), retry::Error> {
    Err(match code.as_str() {
        "TooManyRequests" => retry::Error::TooManyRequests {
            retry_after_seconds: 12,
        },
        "Maintenance" => retry::Error::Maintenance {
            time: "06:00".into(),
            retry_after_seconds: 12,
        },
        _ => retry::Error::BadRequest,
    })
}

#[tokio::test]
async fn a_retry_after_seconds_placeholder_sends_retry_after_on_429_and_503() {
    let app = Router::new()
        .route("/test/retry/{code}", get(retry_error))
        .layer(ErrorLayer::new());
    let addr = start(app).await;
    let client = client();
    for (code, status, retry_after) in [
        ("TooManyRequests", 429, Some("12")),
        ("Maintenance", 503, Some("12")),
        ("BadRequest", 400, None),
    ] {
        let response = client
            .get(format!("http://{addr}/test/retry/{code}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status);
        let header = response
            .headers()
            .get("retry-after")
            .map(|value| value.to_str().unwrap());
        assert_eq!(header, retry_after, "{code}");
        assert!(
            response.headers().get("content-language").is_none(),
            "no translations"
        );
        let received = response.decode_error::<retry::Error>().await.unwrap();
        assert_eq!(received.is_retryable(), retry_after.is_some(), "{code}");
    }
}

/// Routes whose extractors reject bad requests with axum's own answers.
fn strict_routes() -> Router {
    #[derive(serde::Deserialize)]
    struct Page {
        #[allow(dead_code)]
        top: u32,
    }
    api::routes()
        .route(
            "/test/json",
            axum::routing::post(|_: axum::Json<api::Batch>| async { "ok" }),
        )
        .route(
            "/test/query",
            get(|_: axum::extract::Query<Page>| async { "ok" }),
        )
        .route("/test/path/{n}", get(|_: Path<u32>| async { "ok" }))
        .route("/test/teapot", get(|| async { StatusCode::IM_A_TEAPOT }))
}

#[tokio::test]
async fn every_rejection_is_a_row_of_the_table() {
    let addr = start(strict_routes().layer(ErrorLayer::new().rejections(api::rejection_row))).await;
    let client = client();
    let base = format!("http://{addr}");
    let cases = [
        (
            client
                .post(format!("{base}/test/json"))
                .header("content-type", "application/json")
                .body("{"),
            400,
            ErrorCode::BadRequest,
        ),
        (
            client.post(format!("{base}/test/json")).body("{}"),
            400,
            ErrorCode::BadRequest,
        ),
        (
            client.get(format!("{base}/test/query")),
            400,
            ErrorCode::BadRequest,
        ),
        (
            client.get(format!("{base}/test/query?top=x")),
            400,
            ErrorCode::BadRequest,
        ),
        (
            client.get(format!("{base}/test/path/x")),
            400,
            ErrorCode::BadRequest,
        ),
        (
            client.get(format!("{base}/nowhere")),
            404,
            ErrorCode::NotFound,
        ),
        (
            client.delete(format!("{base}/api/machines")),
            400,
            ErrorCode::BadRequest,
        ),
        (
            client.get(format!("{base}/test/teapot")),
            400,
            ErrorCode::BadRequest,
        ),
    ];
    for (request, status, code) in cases {
        let response = request
            .header("x-request-id", "rej-1")
            .send()
            .await
            .unwrap();
        let url = response.url().clone();
        assert_eq!(response.status(), status, "{url}");
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "{url}"
        );
        assert_eq!(response.headers()["x-error-code"], code.as_str(), "{url}");
        let received = response.decode_error::<Error>().await.unwrap();
        assert_eq!(received.code(), &ReceivedCode::Known(code), "{url}");
        assert_eq!(received.target(), Some("rej-1"));
    }
    // The `allow` of a 405 stays.
    let response = client
        .delete(format!("{base}/api/machines"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["allow"], "GET,HEAD");
}

#[tokio::test]
async fn tower_http_request_ids_are_the_ones_used_in_either_order() {
    use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};

    /// The ID tower-http's extension holds, and ours.
    async fn ids(
        axum::Extension(ours): axum::Extension<error_table::axum::RequestId>,
        axum::Extension(theirs): axum::Extension<tower_http::request_id::RequestId>,
    ) -> Result<(), Error> {
        Err(Error::InvalidInput {
            invalid_input: format!("{ours} {}", theirs.header_value().to_str().unwrap()).into(),
        })
    }

    let outside = Router::new()
        .route("/ids", get(ids))
        .layer(ErrorLayer::new())
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
    let inside = Router::new()
        .route("/ids", get(ids))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(ErrorLayer::new());
    for (order, app) in [
        ("tower-http outside", outside),
        ("tower-http inside", inside),
    ] {
        let addr = start(app).await;
        for sent in [None, Some("client-id-7")] {
            let mut request = client().get(format!("http://{addr}/ids"));
            if let Some(id) = sent {
                request = request.header("x-request-id", id);
            }
            let response = request.send().await.unwrap();
            let header = response.headers()["x-request-id"]
                .to_str()
                .unwrap()
                .to_owned();
            if let Some(id) = sent {
                assert_eq!(header, id, "{order}");
            }
            let received = response.decode_error::<Error>().await.unwrap();
            assert_eq!(received.target(), Some(header.as_str()), "{order}");
            assert_eq!(
                received.error(),
                Some(&Error::InvalidInput {
                    invalid_input: format!("{header} {header}").into()
                }),
                "{order}: one ID everywhere"
            );
        }
    }
}

/// Sends `request` as raw bytes and returns the response's head, within
/// [`TIMEOUT`].
async fn raw_head(addr: SocketAddr, request: &[u8]) -> String {
    let exchange = async {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(request).await.unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.unwrap();
        response
    };
    let response = tokio::time::timeout(TIMEOUT, exchange)
        .await
        .expect("the server answers in time");
    let response = String::from_utf8_lossy(&response).into_owned();
    response.split("\r\n\r\n").next().unwrap().to_owned()
}

#[tokio::test]
async fn hostile_headers_get_a_normal_response_and_are_never_reflected() {
    let addr = start(api::app()).await;
    let thousand_ranges: String = (0..1000)
        .map(|n| format!("x{:03};q=0.{:03}", n % 1000, n % 1000))
        .collect::<Vec<_>>()
        .join(",");
    assert!(
        thousand_ranges.len() >= 8 * 1024,
        "{}",
        thousand_ranges.len()
    );
    let long_id = "r".repeat(10 * 1024);
    let cases: [(&str, Vec<u8>); 5] = [
        (
            "a thousand ranges",
            format!("accept-language: {thousand_ranges}").into_bytes(),
        ),
        (
            "malformed q-values",
            b"accept-language: de;q=, sv;q=1.5, ko;q=-1, fr;q=nan, zh;q=0.5.5;;q=".to_vec(),
        ),
        (
            "invalid UTF-8",
            b"accept-language: de-\xff\xfe, sv;q=0.\xc3".to_vec(),
        ),
        (
            "a 10 KiB request ID",
            format!("x-request-id: {long_id}").into_bytes(),
        ),
        (
            "a request ID of invalid UTF-8",
            b"x-request-id: \xff\xfe\xfd".to_vec(),
        ),
    ];
    for (what, header) in cases {
        let mut request =
            b"GET /api/files/0xZZ HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n".to_vec();
        request.extend_from_slice(&header);
        request.extend_from_slice(b"\r\n\r\n");
        let started = std::time::Instant::now();
        let head = raw_head(addr, &request).await;
        assert!(
            head.starts_with("HTTP/1.1 400 Bad Request"),
            "{what}: {head}"
        );
        assert!(
            head.contains("x-error-code: InvalidHashValue"),
            "{what}: {head}"
        );
        assert!(head.contains("content-language: en-US"), "{what}: {head}");
        let id = head
            .lines()
            .find_map(|line| line.strip_prefix("x-request-id: "))
            .unwrap();
        assert_eq!(id.len(), 36, "{what}: a new ID, not the request's");
        assert!(head.len() < 1024, "{what}: nothing reflected: {head}");
        assert!(started.elapsed() < TIMEOUT, "{what}");
    }
}

#[tokio::test]
async fn a_response_writes_its_message_and_metadata_once_with_or_without_the_layer() {
    use std::sync::atomic::Ordering;

    async fn declined() -> Result<(), counted::Error> {
        Err(counted::Error::CardDeclined {
            card: counted::Card("•••• 4242".to_owned()),
        })
    }
    let routes = Router::new().route("/charge", get(declined));
    for (layer, language) in [(false, "de-DE"), (true, "en"), (true, "de-DE")] {
        let app = if layer {
            routes.clone().layer(ErrorLayer::new())
        } else {
            routes.clone()
        };
        let addr = start(app).await;
        let before = counted::WRITES.load(Ordering::SeqCst);
        let response = client()
            .get(format!("http://{addr}/charge"))
            .header("accept-language", language)
            .send()
            .await
            .unwrap();
        let body = response.text().await.unwrap();
        let writes = counted::WRITES.load(Ordering::SeqCst) - before;
        // Once in the message, once in `metadata`: the canonical body that
        // the layer replaces is never written.
        assert_eq!(writes, 2, "layer {layer}, {language}: {body}");
        assert!(body.contains("4242 "), "{body}");
    }
}
