//! The client side of the example: calls the service and reads its errors
//! back into the same typed `Error`, with the `reqwest` helper of
//! `error-table`.

use error_table::ClientError;
use error_table::reqwest::ResponseExt as _;

use crate::api::{Batch, Error, KNOWN_SHA1};

/// Calls every endpoint of the service at `base` (`http://127.0.0.1:3000`)
/// once with a good request and with bad ones, and prints what came back.
///
/// # Errors
///
/// When the service cannot be reached.
pub async fn run(base: &str) -> Result<(), reqwest::Error> {
    let client = reqwest::Client::builder().no_proxy().build()?;
    let batch = |size: usize| Batch {
        indicators: vec!["203.0.113.7".to_owned(); size],
    };
    let calls = [
        client.get(format!("{base}/api/files/{KNOWN_SHA1}")),
        client.get(format!("{base}/api/files/0xZZ")),
        client.get(format!("{base}/api/files/{}", "ab".repeat(20))),
        client.get(format!(
            "{base}/api/machines?computerDnsName=pc-042.contoso.com"
        )),
        client.get(format!("{base}/api/machines")),
        client
            .post(format!("{base}/api/indicators/batch"))
            .body(json(&batch(3))),
        client
            .post(format!("{base}/api/indicators/batch"))
            .body(json(&batch(1200))),
        client
            .post(format!("{base}/api/indicators/batch"))
            .body("{\"indicators\": 7}"),
    ];
    for call in calls {
        let call = call.header("content-type", "application/json");
        let request = call.try_clone().and_then(|call| call.build().ok());
        if let Some(request) = request {
            let url = request.url();
            let query = url.query().map(|query| format!("?{query}"));
            let path = url.path();
            println!("{} {path}{}", request.method(), query.unwrap_or_default());
        }
        let response = call.send().await?;
        match response.error_for_table::<Error>().await {
            Ok(response) => {
                println!("  {} {}", response.status(), response.text().await?);
            }
            Err(ClientError::Api(received)) => {
                println!("  {received}");
                match received.error() {
                    Some(Error::MaximumBatchSizeExceeded {
                        batch_size_allowed, ..
                    }) => println!("  → typed: send batches of at most {batch_size_allowed}"),
                    Some(error) => println!("  → typed: {error:?}"),
                    None => println!("  → the message does not follow the template"),
                }
            }
            Err(error) => println!("  {error}"),
        }
    }
    Ok(())
}

fn json(batch: &Batch) -> String {
    serde_json::to_string(batch).unwrap_or_default()
}
