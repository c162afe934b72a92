//! The generated `ResponseError` in an actix-web app, called through
//! actix-web's test utilities: status, headers and body of every code,
//! and the client reading each back into the same typed error.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![deny(warnings, clippy::pedantic)]

#[path = "support/samples.rs"]
mod samples;

use actix_web::{App, test, web};
use error_table::{ReceivedCode, ReceivedError};

error_table::include_error_table!(
    "spec/errors.md",
    fields = { batch_size_received: usize, batch_size_allowed: usize },
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
            r#"{"error":{"code":"InvalidHashValue","message":"Hash value 0xZZ is invalid."}}"#
        );
        let request = test::TestRequest::get()
            .uri(&format!("/files/{}", "a".repeat(40)))
            .to_request();
        let response = test::call_service(&app, request).await;
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(test::read_body(response).await, "notepad.exe");
    });
}
