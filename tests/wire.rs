//! Each `wire` setting on real servers: an axum server on 127.0.0.1 and an
//! actix-web app answer with the format's media type and the bytes that
//! the README shows, and a `reqwest` client reads every code of every
//! format back into the same typed error.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![deny(warnings, clippy::pedantic)]

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use error_table::axum::ErrorLayer;
use error_table::reqwest::ResponseExt as _;
use error_table::{ApiError, ClientError, Code as _, Decode};
use tokio::net::TcpListener;

#[path = "support/samples.rs"]
mod samples;

error_table::include_error_table!(
    "spec/errors.md",
    fields = { batch_size_received: usize, batch_size_allowed: usize },
);

/// The spec with another wire format.
macro_rules! table {
    ($name:ident, $($wire:tt)*) => {
        mod $name {
            error_table::include_error_table!(
                "spec/errors.md",
                fields = { batch_size_received: usize, batch_size_allowed: usize },
                wire = $($wire)*,
            );
        }
    };
}

table!(plain, plain_envelope);
table!(problem, problem_details);
table!(
    typed_problem,
    problem_details("https://api.example.com/errors/")
);

/// The sample error of `code` in the table of `E`: made from the fields
/// of the sample of the default table.
fn sample_of<E: Decode>(code: &str) -> Option<E> {
    let sample = samples::sample(ErrorCode::from_code(code)?);
    let code = <E::Code as error_table::Code>::from_code(code)?;
    E::from_fields(code, &sample.fields()).ok()
}

/// How long one exchange with a server may take.
const TIMEOUT: Duration = Duration::from_secs(20);

async fn start(app: Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(TIMEOUT)
        .build()
        .unwrap()
}

/// `GET /errors/{code}`: the sample error of that code in `E`'s table.
async fn sample<E: Decode>(Path(code): Path<String>) -> Result<(), E> {
    let sample = sample_of(&code).or_else(|| sample_of("NotFound"));
    Err(sample.unwrap())
}

/// The content type and body of the README's `InvalidHashValue` (the
/// sample's) from a server of `E`, with the README's correlation ID.
async fn exchange<E>() -> (String, String)
where
    E: Decode + axum::response::IntoResponse + Send + 'static,
{
    let app = Router::new()
        .route("/errors/{code}", get(sample::<E>))
        .layer(ErrorLayer::new());
    let addr = start(app).await;
    let response = client()
        .get(format!("http://{addr}/errors/InvalidHashValue"))
        .header("x-request-id", "43f4cb08")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (content_type, response.text().await.unwrap())
}

/// Whether the README shows `body` in a `json` block of its own.
fn readme_shows(body: &str) -> bool {
    let readme = include_str!("../README.md");
    readme.contains(&format!("```json\n{body}\n```"))
}

#[tokio::test]
async fn each_format_is_answered_with_its_media_type_and_the_bytes_the_readme_shows() {
    let expected = [
        (
            exchange::<Error>().await,
            "application/json",
            r#"{"error":{"code":"InvalidHashValue","message":"Hash value 0xZZ is invalid.","target":"43f4cb08","metadata":{"invalid_hash":"0xZZ"}}}"#,
        ),
        (
            exchange::<plain::Error>().await,
            "application/json",
            r#"{"error":{"code":"InvalidHashValue","message":"Hash value 0xZZ is invalid.","target":"43f4cb08"}}"#,
        ),
        (
            exchange::<problem::Error>().await,
            "application/problem+json",
            r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Hash value 0xZZ is invalid.","instance":"43f4cb08","code":"InvalidHashValue","metadata":{"invalid_hash":"0xZZ"}}"#,
        ),
        (
            exchange::<typed_problem::Error>().await,
            "application/problem+json",
            r#"{"type":"https://api.example.com/errors/InvalidHashValue","title":"Bad Request","status":400,"detail":"Hash value 0xZZ is invalid.","instance":"43f4cb08","code":"InvalidHashValue","metadata":{"invalid_hash":"0xZZ"}}"#,
        ),
    ];
    for ((content_type, body), expected_type, expected_body) in expected {
        assert_eq!(content_type, expected_type);
        assert_eq!(body, expected_body);
        assert!(readme_shows(&body), "README.md does not show {body}");
    }
}

/// Every code of `E`'s table, sent by an axum server of that table, comes
/// back to a `reqwest` client as the same typed error.
async fn every_code_comes_back<E>()
where
    E: Decode + PartialEq + core::fmt::Debug + axum::response::IntoResponse + Send + 'static,
{
    let routes = Router::new().route("/errors/{code}", get(sample::<E>));
    let addr = start(routes.layer(ErrorLayer::new())).await;
    let client = client();
    for &code in <E::Code as error_table::Code>::ALL {
        let sent: E = sample_of(code.as_str()).unwrap();
        let response = client
            .get(format!("http://{addr}/errors/{code}"))
            .send()
            .await
            .unwrap();
        let content_type = response.headers()["content-type"].clone();
        assert_eq!(
            content_type,
            <E::Code as error_table::Code>::WIRE.content_type()
        );
        let Err(ClientError::Api(received)) = response.error_for_table::<E>().await else {
            panic!("{code}: not read as an error of the table");
        };
        assert_eq!(received.known_code(), Some(code));
        assert_eq!(received.message(), sent.to_string());
        assert_eq!(received.error(), Some(&sent), "{code}");
    }
}

#[tokio::test]
async fn every_code_of_every_format_reads_back_as_the_same_typed_error() {
    every_code_comes_back::<Error>().await;
    // From the message: the samples follow the templates.
    every_code_comes_back::<plain::Error>().await;
    every_code_comes_back::<problem::Error>().await;
    every_code_comes_back::<typed_problem::Error>().await;
}

#[test]
fn actix_web_answers_each_format_with_its_media_type() {
    use actix_web::{App, test, web};

    async fn plain_error() -> Result<&'static str, plain::Error> {
        Err(plain::Error::NotFound)
    }
    async fn problem_error() -> Result<&'static str, typed_problem::Error> {
        Err(typed_problem::Error::ResourceNotFound {
            requested_resource: "Machine 7".into(),
        })
    }

    actix_web::rt::System::new().block_on(async {
        let app = test::init_service(
            App::new()
                .route("/plain", web::get().to(plain_error))
                .route("/problem", web::get().to(problem_error)),
        )
        .await;
        let response =
            test::call_service(&app, test::TestRequest::get().uri("/plain").to_request()).await;
        assert_eq!(
            response.headers().get("content-type").unwrap(),
            "application/json"
        );
        assert_eq!(
            test::read_body(response).await,
            r#"{"error":{"code":"NotFound","message":"General Not Found error message."}}"#
        );
        let response =
            test::call_service(&app, test::TestRequest::get().uri("/problem").to_request()).await;
        assert_eq!(response.status().as_u16(), 404);
        assert_eq!(
            response.headers().get("content-type").unwrap(),
            "application/problem+json"
        );
        let body = test::read_body(response).await;
        assert_eq!(
            body,
            r#"{"type":"https://api.example.com/errors/ResourceNotFound","title":"Not Found","status":404,"detail":"Resource Machine 7 was not found.","code":"ResourceNotFound","metadata":{"requested_resource":"Machine 7"}}"#
        );
        let received =
            error_table::ReceivedError::<Error>::decode_response(404, Some("application/problem+json"), &body)
                .unwrap();
        assert_eq!(
            received.error(),
            Some(&Error::ResourceNotFound {
                requested_resource: "Machine 7".into()
            }),
            "a client of another format reads it"
        );
    });
}

#[test]
fn to_envelope_and_to_problem_follow_the_table_format() {
    let plain = plain::Error::NotFound.to_envelope(None);
    assert_eq!(plain.error.metadata, None);
    let problem = ApiError::to_envelope(&problem::Error::NotFound, None);
    assert!(
        problem.error.metadata.is_some(),
        "the envelope of a problem table has fields"
    );
    let problem = Error::NotFound.to_problem(None);
    assert_eq!(problem.problem_type, "about:blank");
}
