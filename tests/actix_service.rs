//! The generated `ResponseError` in an actix-web app, called through
//! actix-web's test utilities: status, headers and body of every code,
//! and the client reading each back into the same typed error. Then
//! `ErrorMiddleware` on a real actix-web server on 127.0.0.1, called with
//! `reqwest`: correlation IDs, localized messages, causes, retry hints and
//! rejections, as the axum side does them.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![deny(warnings, clippy::pedantic)]

#[path = "support/log.rs"]
mod log;
#[path = "support/samples.rs"]
mod samples;

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{App, HttpServer, test, web};
use error_table::actix::{ErrorMiddleware, RequestId};
use error_table::reqwest::ResponseExt as _;
use error_table::{ReceivedCode, ReceivedError, ResultExt as _, WithSource};

error_table::include_error_table!(
    "spec/errors.md",
    fields = { batch_size_received: usize, batch_size_allowed: usize },
    locales = ["spec/errors.*.md", "examples/service/errors.de-DE.md"],
);

/// `GET /errors/{code}`: the sample error of that code.
async fn sample_error(code: web::Path<String>) -> Result<&'static str, Error> {
    let code = ErrorCode::from_code(&code).ok_or(Error::NotFound)?;
    Err(samples::sample(code))
}

/// `GET /files/{hash}`: a handler as a service would write it.
async fn file(hash: web::Path<String>) -> Result<&'static str, Error> {
    if hash.len() != 40 {
        return Err(Error::InvalidHashValue {
            invalid_hash: hash.into_inner().into(),
        });
    }
    Ok("notepad.exe")
}

#[test]
fn every_code_is_a_response_error_that_reads_back() {
    actix_web::rt::System::new().block_on(async {
        let app = test::init_service(
            App::new()
                .route("/errors/{code}", web::get().to(sample_error))
                .route("/files/{hash}", web::get().to(file)),
        )
        .await;
        for &code in ErrorCode::ALL {
            let request = test::TestRequest::get()
                .uri(&format!("/errors/{code}"))
                .to_request();
            let response = test::call_service(&app, request).await;
            let sent = samples::sample(code);
            assert_eq!(response.status().as_u16(), code.status(), "{code}");
            let headers = response.headers();
            assert_eq!(headers.get("content-type").unwrap(), "application/json");
            assert_eq!(headers.get("x-error-code").unwrap(), code.as_str());
            assert_eq!(headers.len(), 2, "{headers:?}");
            let body = test::read_body(response).await;
            assert_eq!(
                body,
                serde_json::to_string(&sent.to_envelope(None)).unwrap(),
                "{code}"
            );
            let received = ReceivedError::<Error>::decode(code.status(), &body).unwrap();
            assert_eq!(received.code(), &ReceivedCode::Known(code));
            assert_eq!(received.error(), Some(&sent));
            assert_eq!(received.target(), None);
        }

        let request = test::TestRequest::get().uri("/files/0xZZ").to_request();
        let response = test::call_service(&app, request).await;
        assert_eq!(response.status().as_u16(), 400);
        assert_eq!(
            test::read_body(response).await,
            r#"{"error":{"code":"InvalidHashValue","message":"Hash value 0xZZ is invalid.","metadata":{"invalid_hash":"0xZZ"}}}"#
        );
        let request = test::TestRequest::get()
            .uri(&format!("/files/{}", "a".repeat(40)))
            .to_request();
        let response = test::call_service(&app, request).await;
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(test::read_body(response).await, "notepad.exe");
    });
}

/// `GET /alerts`: a store that is down, its error the cause of the 500 row.
async fn alerts() -> Result<&'static str, WithSource<Error>> {
    let refused = std::io::Error::new(
        std::io::ErrorKind::ConnectionRefused,
        "alerts-db.internal:5432 refused the connection",
    );
    Err(refused).or_row(Error::InternalServerError)
}

/// `POST /hunting`: a used-up quota, retried after 30 seconds.
async fn hunting() -> Result<&'static str, WithSource<Error>> {
    Err(WithSource::from(Error::TooManyRequests).with_retry_after(Duration::from_secs(30)))
}

/// `GET /ids`: the correlation ID the handler sees, as an error's field.
async fn ids(id: web::ReqData<RequestId>) -> Result<&'static str, Error> {
    Err(Error::InvalidInput {
        invalid_input: id.as_str().to_owned().into(),
    })
}

#[derive(serde::Deserialize)]
struct Page {
    #[allow(dead_code)]
    top: u32,
}

/// The row for an error response of `status` that no handler made.
fn rejection_row(status: StatusCode) -> Option<Error> {
    let row = match status.as_u16() {
        404 => Error::NotFound,
        500.. => Error::InternalServerError,
        400.. => Error::BadRequest,
        _ => return None,
    };
    Some(row)
}

/// Serves the test app behind `ErrorMiddleware` on a free port of
/// 127.0.0.1, on a thread of its own, for the rest of the test binary.
fn start() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            HttpServer::new(|| {
                App::new()
                    .route("/files/{hash}", web::get().to(file))
                    .route("/alerts", web::get().to(alerts))
                    .route("/hunting", web::post().to(hunting))
                    .route("/ids", web::get().to(ids))
                    .route("/json", web::post().to(|_: web::Json<Page>| async { "ok" }))
                    .route(
                        "/query",
                        web::get().to(|_: web::Query<Page>| async { "ok" }),
                    )
                    .service(web::resource("/only-get").route(web::get().to(|| async { "ok" })))
                    .wrap(ErrorMiddleware::new().rejections(rejection_row))
            })
            .workers(1)
            .disable_signals()
            .listen(listener)
            .unwrap()
            .run()
            .await
            .unwrap();
        });
    });
    addr
}

/// The one server of this binary's tests.
fn server() -> SocketAddr {
    static SERVER: OnceLock<SocketAddr> = OnceLock::new();
    *SERVER.get_or_init(start)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_middleware_puts_one_id_in_the_header_the_body_and_the_handler() {
    let base = format!("http://{}", server());
    let response = client().get(format!("{base}/ids")).send().await.unwrap();
    let header = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(is_uuid_v4(&header), "{header}");
    let received = response.decode_error::<Error>().await.unwrap();
    assert_eq!(received.target(), Some(header.as_str()));
    assert_eq!(
        received.error(),
        Some(&Error::InvalidInput {
            invalid_input: header.clone().into()
        })
    );

    let response = client()
        .get(format!("{base}/files/0xZZ"))
        .header("x-request-id", "actix-7")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "actix-7");
    assert_eq!(
        response.decode_error::<Error>().await.unwrap().target(),
        Some("actix-7")
    );

    for hostile in ["x".repeat(10 * 1024), "two words".to_owned()] {
        let response = client()
            .get(format!("{base}/files/0xZZ"))
            .header("x-request-id", &hostile)
            .send()
            .await
            .unwrap();
        let header = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(is_uuid_v4(&header), "replaced, not reflected");
    }
}

/// Whether `text` is a version 4 UUID, hyphenated.
fn is_uuid_v4(text: &str) -> bool {
    let dashes: Vec<usize> = text.match_indices('-').map(|(at, _)| at).collect();
    text.len() == 36
        && dashes == [8, 13, 18, 23]
        && text.get(14..15) == Some("4")
        && text
            .bytes()
            .all(|byte| byte == b'-' || byte.is_ascii_hexdigit())
}

#[tokio::test]
async fn a_german_browser_gets_german_and_a_simplified_chinese_one_the_canonical_text() {
    let base = format!("http://{}", server());
    for (accept_language, locale, message) in [
        (
            &b"de-DE,de;q=0.9,en;q=0.5"[..],
            "de-DE",
            "Der Hashwert 0xZZ ist ungültig.",
        ),
        (b"zh-CN,zh;q=0.9", "en-US", "Hash value 0xZZ is invalid."),
        (
            b"fr;q=0.4, sv;q=0.8",
            "sv-SE",
            "Hashvärdet 0xZZ är ogiltigt.",
        ),
        (
            b"de-\xff, sv;q=0.\xc3",
            "en-US",
            "Hash value 0xZZ is invalid.",
        ),
    ] {
        let value = reqwest::header::HeaderValue::from_bytes(accept_language).unwrap();
        let accept_language = String::from_utf8_lossy(accept_language);
        let response = client()
            .get(format!("{base}/files/0xZZ"))
            .header("accept-language", value)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.headers()["content-language"],
            locale,
            "{accept_language}"
        );
        assert_eq!(response.headers()["vary"], "accept-language");
        let received = response.decode_error::<Error>().await.unwrap();
        assert_eq!(received.message(), message);
    }
}

/// What the whole test binary logs: the server runs on threads of its own.
fn global_log() -> &'static log::Log {
    static LOG: OnceLock<log::Log> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = log::Log::default();
        tracing::subscriber::set_global_default(log.subscriber()).unwrap();
        log
    })
}

#[tokio::test]
async fn a_failing_store_answers_the_500_row_and_logs_its_cause_once() {
    let log = global_log();
    let base = format!("http://{}", server());
    let response = client()
        .get(format!("{base}/alerts"))
        .header("x-request-id", "actix-db-1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    let body = response.text().await.unwrap();
    assert_eq!(
        body,
        serde_json::to_string(&Error::InternalServerError.to_envelope(Some("actix-db-1"))).unwrap()
    );
    let lines = log.lines_with("actix-db-1");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    for part in [
        "ERROR",
        "code=\"InternalServerError\"",
        "status=500",
        "cause=alerts-db.internal:5432 refused the connection",
    ] {
        assert!(lines[0].contains(part), "{part} in {}", lines[0]);
    }
}

#[tokio::test]
async fn a_429_carries_retry_after() {
    let base = format!("http://{}", server());
    let response = client()
        .post(format!("{base}/hunting"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "30");
    let received = response.decode_error::<Error>().await.unwrap();
    assert_eq!(received.retry_after(), Some(Duration::from_secs(30)));
    assert!(received.is_retryable());
}

#[tokio::test]
async fn every_rejection_is_a_row_of_the_table() {
    let base = format!("http://{}", server());
    let client = client();
    let cases = [
        (
            client
                .post(format!("{base}/json"))
                .header("content-type", "application/json")
                .body("{"),
            400,
            ErrorCode::BadRequest,
        ),
        (
            client.post(format!("{base}/json")).body("{}"),
            400,
            ErrorCode::BadRequest,
        ),
        (
            client.get(format!("{base}/query")),
            400,
            ErrorCode::BadRequest,
        ),
        (
            client.get(format!("{base}/query?top=x")),
            400,
            ErrorCode::BadRequest,
        ),
        (
            client.get(format!("{base}/nowhere")),
            404,
            ErrorCode::NotFound,
        ),
        (
            client.delete(format!("{base}/only-get")),
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
}
