//! Reading the error responses of `reqwest` (feature `reqwest`).
//!
//! [`ResponseExt`] adds two methods to `reqwest::Response`:
//! [`error_for_table`](ResponseExt::error_for_table) passes a success
//! through and reads an error status into the table's types, and
//! [`decode_error`](ResponseExt::decode_error) reads any response as an
//! error. Neither reads more than [`MAX_BODY_BYTES`] of the body, and both
//! keep the response's `Retry-After` ([`ReceivedError::retry_after`]).
//!
//! ```no_run
//! error_table::include_error_table!("doc/payments.md");
//! use error_table::ClientError;
//! use error_table::reqwest::ResponseExt as _;
//!
//! # async fn charge() -> Result<(), Box<dyn std::error::Error>> {
//! let response = reqwest::get("http://127.0.0.1:8080/charge").await?;
//! match response.error_for_table::<Error>().await {
//!     Ok(response) => println!("charged: {}", response.text().await?),
//!     Err(ClientError::Api(received)) => match received.error() {
//!         Some(Error::CardDeclined { card }) => println!("ask for another card than {card}"),
//!         _ => println!("{received}"),
//!     },
//!     // Not an envelope (`ClientError::Undecodable`), or what a later
//!     // version adds.
//!     Err(error) => println!("{error}"),
//! }
//! # Ok(())
//! # }
//! ```

use core::future::Future;

use crate::Decode;
use crate::client::{ClientError, DecodeError, DecodeErrorKind, MAX_BODY_BYTES, ReceivedError};

/// Reading a `reqwest::Response` as an error of a table; see the
/// [module](self).
pub trait ResponseExt: Sized {
    /// The response itself when its status is not an error (below 400),
    /// else the error it holds.
    ///
    /// # Errors
    ///
    /// [`ClientError::Api`] for a 4xx or 5xx response with an error
    /// envelope or problem details, [`ClientError::Undecodable`] for one
    /// with neither.
    fn error_for_table<E>(self) -> impl Future<Output = Result<Self, ClientError<E>>> + Send
    where
        E: Decode;

    /// The response read as an error of the table, whatever its status:
    /// an envelope or problem details, chosen by its `Content-Type` and
    /// its shape ([`ReceivedError::decode_response`]).
    ///
    /// # Errors
    ///
    /// When the body cannot be read, is over [`MAX_BODY_BYTES`], or is
    /// neither an envelope nor problem details.
    fn decode_error<E>(self) -> impl Future<Output = Result<ReceivedError<E>, DecodeError>> + Send
    where
        E: Decode;
}

impl ResponseExt for ::reqwest::Response {
    async fn error_for_table<E: Decode>(self) -> Result<Self, ClientError<E>> {
        let status = self.status();
        if !(status.is_client_error() || status.is_server_error()) {
            return Ok(self);
        }
        Err(match self.decode_error().await {
            Ok(received) => ClientError::Api(received),
            Err(error) => ClientError::Undecodable(error),
        })
    }

    async fn decode_error<E: Decode>(self) -> Result<ReceivedError<E>, DecodeError> {
        let status = self.status().as_u16();
        let headers = self.headers();
        let retry_after = headers
            .get(::reqwest::header::RETRY_AFTER)
            .map(|value| value.as_bytes().to_owned());
        let content_type = headers
            .get(::reqwest::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = read_body(self, status).await?;
        let received = ReceivedError::decode_response(status, content_type.as_deref(), &body)?;
        Ok(match retry_after {
            Some(value) => received.with_retry_after_header(&value),
            None => received,
        })
    }
}

/// The body of `response`, up to [`MAX_BODY_BYTES`].
async fn read_body(mut response: ::reqwest::Response, status: u16) -> Result<Vec<u8>, DecodeError> {
    let too_large = || DecodeError::new(Some(status), DecodeErrorKind::TooLarge);
    if response
        .content_length()
        .is_some_and(|length| length > MAX_BODY_BYTES as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|error| {
        DecodeError::new(Some(status), DecodeErrorKind::Body).with_source(Box::new(error))
    })? {
        if body.len().saturating_add(chunk.len()) > MAX_BODY_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
