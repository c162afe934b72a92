//! One error per code of `spec/errors.md`, with sample field values, for
//! the tests that send every code through a server and back. The match is
//! exhaustive: a row added to the spec must get its sample here.

use super::{Error, ErrorCode};

/// The sample error of `code`.
pub fn sample(code: ErrorCode) -> Error {
    match code {
        ErrorCode::BadRequest => Error::BadRequest,
        ErrorCode::ODataError => Error::ODataError,
        ErrorCode::InvalidInput => Error::InvalidInput {
            invalid_input: "$top=-1".into(),
        },
        ErrorCode::InvalidRequestBody => Error::InvalidRequestBody,
        ErrorCode::InvalidHashValue => Error::InvalidHashValue {
            invalid_hash: "0xZZ".into(),
        },
        ErrorCode::InvalidDomainName => Error::InvalidDomainName {
            invalid_domain: "exa mple.com".into(),
        },
        ErrorCode::InvalidIpAddress => Error::InvalidIpAddress {
            invalid_ip: "300.1.1.1".into(),
        },
        ErrorCode::InvalidUrl => Error::InvalidUrl {
            invalid_url: "htp:/x".into(),
        },
        ErrorCode::MaximumBatchSizeExceeded => Error::MaximumBatchSizeExceeded {
            batch_size_received: 1200,
            batch_size_allowed: 500,
        },
        ErrorCode::MissingRequiredParameter => Error::MissingRequiredParameter {
            missing_parameter: "machineId".into(),
        },
        ErrorCode::OsPlatformNotSupported => Error::OsPlatformNotSupported {
            client_os_platform: "Windows 7".into(),
        },
        ErrorCode::ClientVersionNotSupported => Error::ClientVersionNotSupported {
            requested_action: "Live response".into(),
            supported_client_version: "10.8040".into(),
        },
        ErrorCode::Unauthorized => Error::Unauthorized,
        ErrorCode::Forbidden => Error::Forbidden,
        ErrorCode::DisabledFeature => Error::DisabledFeature,
        ErrorCode::DisallowedOperation => Error::DisallowedOperation {
            disallowed_operation_and_the_reason: "Isolation is not allowed on a domain controller"
                .into(),
        },
        ErrorCode::NotFound => Error::NotFound,
        ErrorCode::ResourceNotFound => Error::ResourceNotFound {
            requested_resource: "Machine 123123123".into(),
        },
        ErrorCode::InternalServerError => Error::InternalServerError,
        ErrorCode::TooManyRequests => Error::TooManyRequests,
    }
}
