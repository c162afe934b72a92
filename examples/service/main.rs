//! An axum service whose handlers return the errors of `spec/errors.md`,
//! and a client that reads them back.
//!
//! ```sh
//! cargo run --example service                 # serves on 127.0.0.1:3000
//! cargo run --example service -- client       # calls it, in another terminal
//! cargo run --example service -- demo         # both, on a free port, then exits
//! ```
//!
//! `serve ADDR` and `client URL` take another address.

#![deny(warnings, missing_docs, clippy::pedantic)]

mod api;
mod client;

use std::net::SocketAddr;

/// Serves the API on `addr` until the process is stopped.
async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, api::app()).await
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The causes of error responses, logged by `ErrorLayer` (to stderr).
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |n: usize| args.get(n).map(String::as_str);
    match arg(0) {
        None | Some("serve") => {
            let addr: SocketAddr = arg(1).unwrap_or("127.0.0.1:3000").parse()?;
            let listener = tokio::net::TcpListener::bind(addr).await?;
            println!("serving on http://{}", listener.local_addr()?);
            serve(listener).await?;
        }
        Some("client") => client::run(arg(1).unwrap_or("http://127.0.0.1:3000")).await?,
        Some("demo") => {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            let base = format!("http://{}", listener.local_addr()?);
            let server = tokio::spawn(serve(listener));
            client::run(&base).await?;
            server.abort();
        }
        Some(other) => return Err(format!("unknown mode `{other}`: serve, client or demo").into()),
    }
    Ok(())
}
