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
        // A German browser gets German messages; a Simplified Chinese one
        // the canonical text (the table has only Traditional Chinese).
        client
            .get(format!("{base}/api/files/0xZZ"))
            .header("accept-language", "de-DE,de;q=0.9,en;q=0.5"),
        client
            .get(format!("{base}/api/files/0xZZ"))
            .header("accept-language", "zh-CN,zh;q=0.9"),
        // The store is down: the 500 row, its cause only in the server's log.
        client.get(format!("{base}/api/machines/pc-042/alerts")),
        client.post(format!("{base}/api/advancedqueries/run")),
        // Not routes of the API: rows of the table all the same.
        client.get(format!("{base}/api/nowhere")),
        client.delete(format!("{base}/api/machines")),
    ];
    for call in calls {
        let call = call.header("content-type", "application/json");
        let request = call.try_clone().and_then(|call| call.build().ok());
        if let Some(request) = request {
            let url = request.url();
            let query = url.query().map(|query| format!("?{query}"));
            let path = url.path();
            let language = request
                .headers()
                .get("accept-language")
                .and_then(|value| value.to_str().ok())
                .map(|value| format!("  (Accept-Language: {value})"));
            println!(
                "{} {path}{}{}",
                request.method(),
                query.unwrap_or_default(),
                language.unwrap_or_default()
            );
        }
        let response = call.send().await?;
        if let Some(language) = response.headers().get("content-language") {
            println!(
                "  content-language: {}",
                language.to_str().unwrap_or_default()
            );
        }
        match response.error_for_table::<Error>().await {
            Ok(response) => {
                println!("  {} {}", response.status(), response.text().await?);
            }
            Err(ClientError::Api(received)) => {
                println!("  {received}");
                if let Some(delay) = received.retry_after() {
                    println!("  → retry after {} s", delay.as_secs());
                }
                match received.error() {
                    Some(Error::MaximumBatchSizeExceeded {
                        batch_size_allowed, ..
                    }) => println!("  → typed: send batches of at most {batch_size_allowed}"),
                    Some(error) => println!("  → typed: {error:?}"),
                    // `from_message` reads the canonical template only.
                    None => println!("  → known by its code; the message is not the canonical one"),
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
