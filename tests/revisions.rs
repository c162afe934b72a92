//! A client and a server built from two revisions of one page
//! (`tests/fixtures/revisions/`): the newer rewords every message, reorders
//! the rows and adds `Gone`. The server, from the newer, is axum on
//! 127.0.0.1; the client, from the older, is `reqwest`. Every row of the
//! older table comes back as its typed variant with every field value
//! intact, in the envelope, in problem+json and with a Swedish message
//! (the layer's, for the request's `Accept-Language`);
//! the added row arrives as an unknown code with its fields readable.
//!
//! Then a rename in two steps (`renaming.md` lists `VersionConflict` as an
//! alias of `Conflict`, `renamed.md` sends `VersionConflict` and lists
//! `Conflict`): a client of each step reads the row of a server of the
//! other side as its typed variant with its fields.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![deny(warnings, clippy::pedantic)]

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::Path;
use axum::http::header;
use axum::routing::get;
use error_table::axum::ErrorLayer;
use error_table::reqwest::ResponseExt as _;
use error_table::{ApiError as _, ClientError, Code as _, Decode, ReceivedCode, ReceivedError};
use tokio::net::TcpListener;

/// What the client knows: revision 1.
mod older {
    error_table::include_error_table!(
        "tests/fixtures/revisions/older.md",
        fields = { seconds: u32 },
    );
}

/// What the server runs: revision 2, with its Swedish translation.
mod newer {
    error_table::include_error_table!(
        "tests/fixtures/revisions/newer.md",
        fields = { seconds: u32 },
        locales = "tests/fixtures/revisions/newer.*.md",
    );
}

/// Revision 2 with problem details on the wire.
mod newer_problem {
    error_table::include_error_table!(
        "tests/fixtures/revisions/newer.md",
        fields = { seconds: u32 },
        wire = problem_details("https://api.example.com/errors/"),
    );
}

/// Step 1 of renaming `Conflict`: sends it, accepts `VersionConflict`.
mod renaming {
    error_table::include_error_table!(
        "tests/fixtures/revisions/renaming.md",
        fields = { seconds: u32 },
    );
}

/// Step 2: sends `VersionConflict`, accepts `Conflict`.
mod renamed {
    error_table::include_error_table!(
        "tests/fixtures/revisions/renamed.md",
        fields = { seconds: u32 },
    );
}

use older::{Error, ErrorCode};

/// How long one exchange with the server may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// One error per row of the older table, with values that hold the older
/// template's own text, quotes and non-ASCII: a client cutting them out of
/// the message would get them wrong even without a reworded message.
fn sample(code: ErrorCode) -> Error {
    match code {
        ErrorCode::NotFound => Error::NotFound {
            resource: r#"Resource "Q3 report" was not found"#.into(),
        },
        ErrorCode::InvalidName => Error::InvalidName {
            name: r#"Zoë: "a" is invalid: b"#.into(),
            reason: "it has “quotes”, {braces} and 日本語".into(),
        },
        ErrorCode::RateLimited => Error::RateLimited { seconds: 30 },
        ErrorCode::Conflict => Error::Conflict {
            version: "2.0 conflicts with 1.0".into(),
            other_version: "3.0 — the newest".into(),
        },
        ErrorCode::Internal => Error::Internal,
    }
}

/// The error the newer server sends for `code`: its own row of that code,
/// with the values of the older sample.
fn sent<E: Decode>(code: &str) -> Option<E> {
    let sample = sample(ErrorCode::from_code(code)?);
    E::from_fields(E::Code::from_code(code)?, &sample.fields()).ok()
}

/// The row that only the newer table has.
fn gone<E: Decode>() -> E {
    let fields = [("resource", "Order “7”"), ("date", "2024-03-01")]
        .into_iter()
        .collect();
    E::from_fields(E::Code::from_code("Gone").unwrap(), &fields).unwrap()
}

/// `GET /conflict/{revision}`: the conflict of the older sample, found by
/// the code `Conflict`, which every revision accepts.
async fn conflict<E: Decode>() -> Result<(), E> {
    let fields = sample(ErrorCode::Conflict).fields();
    Err(E::from_fields(E::Code::from_code("Conflict").unwrap(), &fields).unwrap())
}

/// `GET /{format}/{code}`: the newer server's error of that code.
async fn error<E: Decode>(Path(code): Path<String>) -> Result<(), E> {
    Err(if code == "Gone" {
        gone()
    } else {
        sent(&code).unwrap()
    })
}

async fn start() -> SocketAddr {
    let app = Router::new()
        .route("/envelope/{code}", get(error::<newer::Error>))
        .route("/problem/{code}", get(error::<newer_problem::Error>))
        .route("/conflict/older", get(conflict::<older::Error>))
        .route("/conflict/renaming", get(conflict::<renaming::Error>))
        .route("/conflict/renamed", get(conflict::<renamed::Error>))
        .layer(ErrorLayer::new());
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

/// What a client of the table of `E` makes of `GET /{route}/{code}` in
/// `language`.
async fn receive<E: Decode>(
    addr: SocketAddr,
    route: &str,
    code: &str,
    language: &str,
) -> ReceivedError<E> {
    let response = client()
        .get(format!("http://{addr}/{route}/{code}"))
        .header(header::ACCEPT_LANGUAGE, language)
        .send()
        .await
        .unwrap();
    match response.error_for_table::<E>().await {
        Err(ClientError::Api(received)) => received,
        Err(error) => panic!("{route}/{code}: {error}"),
        Ok(response) => panic!("{route}/{code}: a success, {}", response.status()),
    }
}

/// Every row of the older table through `route`, and the added row.
async fn every_row_survives(route: &str, language: &str) {
    let addr = start().await;
    for &code in ErrorCode::ALL {
        let expected = sample(code);
        let received = receive::<Error>(addr, route, code.as_str(), language).await;
        assert_eq!(received.known_code(), Some(code), "{route}: {code}");
        assert_eq!(received.status(), Some(code.status()));
        assert_eq!(received.error(), Some(&expected), "{route}: {code}");
        assert_eq!(
            received.fields(),
            Some(&expected.fields()),
            "{route}: {code}"
        );
        assert!(received.target().is_some(), "{route}: the correlation ID");
        // The message is the newer revision's, which the older template
        // does not read.
        assert_ne!(received.message(), expected.to_string(), "{route}: {code}");
        if !code.field_names().is_empty() {
            assert_eq!(
                Error::from_message(code, received.message()),
                None,
                "{route}: {code} needs its fields as data"
            );
        }
    }

    let received = receive::<Error>(addr, route, "Gone", language).await;
    assert_eq!(received.code(), &ReceivedCode::Unknown("Gone".to_owned()));
    assert_eq!(received.status(), Some(410));
    assert_eq!(received.error(), None);
    let fields = received.fields().unwrap();
    assert_eq!(fields.get("resource"), Some("Order “7”"));
    assert_eq!(fields.get("date"), Some("2024-03-01"));
}

#[tokio::test]
async fn an_older_client_reads_every_row_of_a_newer_servers_envelope() {
    every_row_survives("envelope", "en").await;
}

#[tokio::test]
async fn an_older_client_reads_every_row_of_a_newer_servers_problem_details() {
    every_row_survives("problem", "en").await;
    let addr = start().await;
    let response = client()
        .get(format!("http://{addr}/problem/Conflict"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/problem+json"
    );
}

#[tokio::test]
async fn an_older_client_reads_every_row_of_a_newer_servers_swedish_messages() {
    // The layer writes the message in the language the request asks for.
    every_row_survives("envelope", "sv-SE, en;q=0.5").await;
    let addr = start().await;
    let received = receive::<Error>(addr, "envelope", "RateLimited", "sv").await;
    assert_eq!(received.message(), "För många anrop: vänta 30 s.");
    assert_eq!(received.error(), Some(&Error::RateLimited { seconds: 30 }));
}

#[tokio::test]
async fn a_client_of_the_first_step_of_a_rename_reads_the_renamed_code_of_the_second() {
    let addr = start().await;
    let received = receive::<renaming::Error>(addr, "conflict", "renamed", "en").await;
    assert_eq!(
        received.code(),
        &ReceivedCode::Known(renaming::ErrorCode::Conflict)
    );
    assert_eq!(
        received.error(),
        Some(&renaming::Error::Conflict {
            version: "2.0 conflicts with 1.0".into(),
            other_version: "3.0 — the newest".into(),
        })
    );
    // What arrived is the new code, which the older client accepts.
    let response = client()
        .get(format!("http://{addr}/conflict/renamed"))
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "VersionConflict");
}

#[tokio::test]
async fn a_client_of_the_second_step_of_a_rename_reads_the_former_code_of_older_servers() {
    let addr = start().await;
    for server in ["older", "renaming"] {
        let received = receive::<renamed::Error>(addr, "conflict", server, "en").await;
        assert_eq!(
            received.known_code(),
            Some(renamed::ErrorCode::VersionConflict),
            "{server}"
        );
        assert_eq!(
            received.error(),
            Some(&renamed::Error::VersionConflict {
                version: "2.0 conflicts with 1.0".into(),
                other_version: "3.0 — the newest".into(),
            }),
            "{server}"
        );
    }
    // The client of revision 0 knows nothing of the new code: jumping from
    // revision 0 to 2 is a breaking change.
    let received = receive::<older::Error>(addr, "conflict", "renamed", "en").await;
    assert_eq!(
        received.code(),
        &ReceivedCode::Unknown("VersionConflict".to_owned())
    );
}
