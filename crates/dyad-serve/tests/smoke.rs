//! One real socket: serve on 127.0.0.1:0, ask for `/api/events` with a plain HTTP/1.1 client
//! written with std's `TcpStream`, and shut down.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::*;
use dyad_serve::App;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_over_a_socket_and_shuts_down() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("smoke.db");
    seed(&db);
    let mut config = config(&db);
    config.bind = bind("127.0.0.1:0");
    let app = App::new(&config, no_pipeline()).unwrap();
    let listener = tokio::net::TcpListener::bind(config.bind).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(dyad_serve::serve(
        listener,
        dyad_serve::router(app),
        async move {
            let _ = stopped.await;
        },
    ));

    let response = tokio::task::spawn_blocking(move || {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(
            s,
            "GET /api/events?limit=2 HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    })
    .await
    .unwrap();

    let (head, body) = response.split_once("\r\n\r\n").expect("head and body");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    let json: serde_json::Value = serde_json::from_str(body).expect("a JSON body");
    assert_eq!(json["total"], 5);
    assert_eq!(ids(&json["events"]), ["e1", "e2"]);

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(20), server)
        .await
        .expect("the server stops")
        .unwrap()
        .unwrap();
    assert!(
        TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err(),
        "the port is closed"
    );
}
