//! A tiny HTTP/1.1 server for the examples, on `127.0.0.1` and a free port, using only the standard library: it
//! reads each request, asks a routing function for the answer, writes it and closes the connection.
//!
//! It stands in for the real API so the examples run offline. It is deliberately simple (one thread per
//! connection, `Connection: close`, bodies framed by `Content-Length`): enough for a client, not a web server.

#![allow(dead_code)] // Each example uses a different part of this module.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

/// A request as the server received it.
#[derive(Debug)]
pub struct Request {
    /// `GET`, `POST`...
    pub method: String,
    /// The path, still percent-encoded.
    pub path: String,
    /// The query string without `?` (empty when there is none).
    pub query: String,
    /// The headers, names as sent.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

/// The answer to a request.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

impl Response {
    /// A JSON response.
    pub fn json(status: u16, body: &str) -> Response {
        Response { status, headers: vec![("Content-Type", "application/json".to_owned())], body: body.to_owned() }
    }

    /// Sets a header, replacing one of the same name.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name, value.into()));
        self
    }
}

impl Request {
    /// The value of the header called `name` (compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Starts the server in the background and returns its base URL, `http://127.0.0.1:<port>`. Every request is
/// answered by `route`, and logged on standard error.
pub fn start(route: fn(&Request) -> Response) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base_url = format!("http://{}", listener.local_addr().expect("address"));
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || {
                if let Err(error) = serve(stream, route) {
                    eprintln!("[local server] {error}");
                }
            });
        }
    });
    base_url
}

fn serve(stream: TcpStream, route: fn(&Request) -> Response) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let content_length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; content_length];
    reader.read_exact(&mut body)?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let request = Request {
        method,
        path: path.to_owned(),
        query: query.to_owned(),
        headers,
        body: String::from_utf8_lossy(&body).into(),
    };
    let response = route(&request);
    eprintln!(
        "[local server] {} {}{} -> {}",
        request.method,
        request.path,
        with_query(&request.query),
        response.status
    );

    let mut out = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (name, value) in &response.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n{}", response.body.len(), response.body));
    let mut stream = stream;
    stream.write_all(out.as_bytes())?;
    stream.flush()
}

fn with_query(query: &str) -> String {
    if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "",
    }
}
