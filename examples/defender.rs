//! The demo: every error of `spec/errors.md` with its code, status, message
//! and JSON envelope.
//!
//! Run it with `cargo run --example defender`.

#![deny(warnings, missing_docs, clippy::pedantic)]

error_table::include_error_table!("spec/errors.md", locales = "spec/errors.*.md");

fn main() {
    let errors = [
        Error::BadRequest,
        Error::ODataError,
        Error::InvalidInput {
            invalid_input: "top=-1".into(),
        },
        Error::InvalidRequestBody,
        Error::InvalidHashValue {
            invalid_hash: "0xZZ".into(),
        },
        Error::InvalidDomainName {
            invalid_domain: "exa mple.com".into(),
        },
        Error::InvalidIpAddress {
            invalid_ip: "300.1.1.1".into(),
        },
        Error::InvalidUrl {
            invalid_url: "htp:/x".into(),
        },
        Error::MaximumBatchSizeExceeded {
            batch_size_received: "1200".into(),
            batch_size_allowed: "500".into(),
        },
        Error::MissingRequiredParameter {
            missing_parameter: "machineId".into(),
        },
        Error::OsPlatformNotSupported {
            client_os_platform: "Windows 7".into(),
        },
        Error::ClientVersionNotSupported {
            requested_action: "Live response".into(),
            supported_client_version: "10.8040".into(),
        },
        Error::Unauthorized,
        Error::Forbidden,
        Error::DisabledFeature,
        Error::DisallowedOperation {
            disallowed_operation_and_the_reason: "Isolation is not allowed on this device".into(),
        },
        Error::NotFound,
        Error::ResourceNotFound {
            requested_resource: "Machine 123123123".into(),
        },
        Error::InternalServerError,
        Error::TooManyRequests,
    ];
    for (n, error) in errors.iter().enumerate() {
        let target = format!("00000000-0000-4000-8000-{n:012}");
        let json = serde_json::to_string(&error.to_envelope(Some(&target))).unwrap_or_default();
        println!("{:<26} {}  {error}", error.code(), error.status());
        for &locale in Error::LOCALES.iter().skip(1) {
            println!("{locale:>26}      {}", error.localized(locale));
        }
        println!("{:<26}      {json}", "");
    }
}
