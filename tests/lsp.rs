//! `steer lsp` driven as an editor drives it: the real binary, JSON-RPC
//! over its standard input and output (initialize, initialized, didOpen,
//! didChange, each request, shutdown, exit), on a zone split over two
//! files in a temporary directory.

mod common;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

const ZONE: &str = r#"zone "example.com" {
  ttl 60s
  nameservers ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"]
}

region frankfurt { aws "eu-central-1" }
region dublin { aws "eu-west-1" }

check fra_up {
  https "fra.example.com"
  path "/health"
}

endpoint fra {
  region frankfurt
  a [192.0.2.10]
  check fra_up
}
endpoint dub {
  region dublin
  a [192.0.2.20]
}
"#;

/// `dubb` is a typo for `dub`; `ü`, `é` and `😀` are 1, 1 and 2 UTF-16
/// code units but 2, 2 and 4 bytes, before `dub` on the same line.
const WEB: &str = r#"zone "example.com"

record www A = failover {
  primary fra
  secondary dubb
}
record "bücher" A = weighted { fra id "é😀" 1  dub id "b" 2 }
endpoint shop { alias record www A }
record shop A = shop
"#;

/// A running `steer lsp` and what it has sent.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the server on a directory holding `zone.steer` and
    /// `web.steer`, and initializes it.
    fn start() -> (Server, Value) {
        let dir = tempfile::tempdir().expect("temporary directory");
        std::fs::write(dir.path().join("zone.steer"), ZONE).expect("write");
        std::fs::write(dir.path().join("web.steer"), WEB).expect("write");
        let mut child = common::steer_command(&["lsp"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start steer lsp");
        let stdin = child.stdin.take().expect("stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (send, messages) = channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            stdin,
            messages,
            next_id: 1,
            dir,
        };
        let root = server.uri("");
        let (init, _) = server.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}}),
        );
        server.notify("initialized", json!({}));
        (server, init)
    }

    fn uri(&self, file: &str) -> String {
        format!("file://{}/{file}", self.dir.path().display())
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn receive(&self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(60))
            .expect("steer lsp answers within a minute")
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The result of a request, and the notifications sent before it.
    fn request(&mut self, method: &str, params: Value) -> (Value, Vec<Value>) {
        let (reply, notifications) = self.exchange(method, params);
        assert!(reply.get("error").is_none(), "{method}: {reply}");
        (reply["result"].clone(), notifications)
    }

    /// The reply to a request, and the notifications sent before it.
    fn exchange(&mut self, method: &str, params: Value) -> (Value, Vec<Value>) {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let mut notifications = Vec::new();
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                return (message, notifications);
            }
            notifications.push(message);
        }
    }

    /// Sends a notification and returns the diagnostics published for
    /// it, by file name (the server answers in order, so they all come
    /// before the reply to a request sent after it).
    fn diagnostics(&mut self, method: &str, params: Value) -> Value {
        self.notify(method, params);
        // A method the server does not know: an error reply, after
        // everything the notification made it send.
        let (reply, notifications) = self.exchange("steer/unknown", json!(null));
        assert_eq!(reply["error"]["code"], -32601, "{reply}");
        let mut by_file = serde_json::Map::new();
        for n in notifications {
            assert_eq!(n["method"], "textDocument/publishDiagnostics");
            let uri = n["params"]["uri"].as_str().expect("a URI");
            let file = uri.rsplit('/').next().expect("a file name").to_string();
            by_file.insert(file, self.relative(n["params"]["diagnostics"].clone()));
        }
        Value::Object(by_file)
    }

    /// A reply with the temporary directory's URIs as `file:///zone/NAME`.
    fn relative(&self, value: Value) -> Value {
        let text = value.to_string().replace(&self.uri(""), "file:///zone/");
        serde_json::from_str(&text).expect("JSON")
    }

    fn at(&self, file: &str, line: u32, character: u32) -> Value {
        json!({"textDocument": {"uri": self.uri(file)},
               "position": {"line": line, "character": character}})
    }

    fn open(&mut self, file: &str, text: &str) -> Value {
        let uri = self.uri(file);
        self.diagnostics(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "steer", "version": 1, "text": text}}),
        )
    }

    fn change(&mut self, file: &str, version: i32, text: &str) -> Value {
        let uri = self.uri(file);
        self.diagnostics(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        )
    }

    /// shutdown, exit: the process ends with status 0.
    fn stop(mut self) {
        let (result, _) = self.request("shutdown", json!(null));
        assert_eq!(result, Value::Null);
        self.notify("exit", json!(null));
        for _ in 0..600 {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "{status}");
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("steer lsp did not exit");
    }
}

fn read_message(stdout: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    stdout.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// Where a reply's location points: `file:line:character`.
fn place(location: &Value) -> String {
    let uri = location["uri"].as_str().expect("a URI");
    let file = Path::new(uri)
        .file_name()
        .expect("a file")
        .to_string_lossy();
    let start = &location["range"]["start"];
    format!("{file}:{}:{}", start["line"], start["character"])
}

fn places(locations: &Value) -> Vec<String> {
    let mut all: Vec<String> = locations
        .as_array()
        .expect("locations")
        .iter()
        .map(place)
        .collect();
    all.sort();
    all
}

#[test]
fn initialize_lists_the_capabilities() {
    let (server, mut init) = Server::start();
    assert_eq!(init["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    init["serverInfo"]["version"] = json!("[version]");
    insta::assert_json_snapshot!("initialize", init);
    server.stop();
}

#[test]
fn diagnostics_cover_the_whole_zone_and_clear_when_fixed() {
    let (mut server, _) = Server::start();
    // Opening web.steer checks its zone: both files are published, the
    // typo's unknown-reference with its did-you-mean in web.steer.
    let opened = server.open("web.steer", WEB);
    insta::assert_json_snapshot!("diagnostics_open", opened);
    // An unsaved change in zone.steer (open, not on disk) breaks the
    // endpoint web.steer uses: the error moves with it.
    let renamed = ZONE.replace("endpoint fra {", "endpoint fra2 {");
    server.open("zone.steer", ZONE);
    let changed = server.change("zone.steer", 2, &renamed);
    let web = changed["web.steer"]
        .as_array()
        .expect("web.steer published");
    assert!(
        web.iter()
            .any(|d| d["message"].as_str().is_some_and(|m| m.contains("`fra`"))),
        "{changed}"
    );
    // Fixing both: every file of the zone gets an empty list.
    server.change("zone.steer", 3, ZONE);
    let fixed = server.change("web.steer", 2, &WEB.replace("dubb", "dub"));
    assert_eq!(fixed, json!({"web.steer": [], "zone.steer": []}));
    // A file moved to another zone: the files of the old zone that it
    // no longer covers are cleared.
    let elsewhere = server.change(
        "web.steer",
        3,
        "zone \"other.example\" { nameservers [\"ns-1.awsdns-01.org\"] }\nrecord x A [192.0.2.1]\n",
    );
    assert_eq!(elsewhere["zone.steer"], json!([]), "{elsewhere}");
    // A syntax error is a diagnostic like any other.
    let broken = server.change("web.steer", 4, "zone \"example.com\"\nrecord www A = {\n");
    let errors = broken["web.steer"].as_array().expect("web.steer published");
    assert_eq!(errors[0]["code"], "steer::syntax-error", "{broken}");
    // Closing a document clears its diagnostics.
    let uri = server.uri("web.steer");
    let closed = server.diagnostics(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(closed, json!({"web.steer": []}));
    // A document that is no file is checked on its own.
    let untitled = server.diagnostics(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "untitled:Untitled-1", "languageId": "steer",
                                "version": 1, "text": "endpoint e { check nope }\n"}}),
    );
    let codes: Vec<&Value> = untitled["untitled:Untitled-1"]
        .as_array()
        .expect("published for the untitled document")
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(codes, [&json!("steer::missing-zone")], "{untitled}");
    server.stop();
}

#[test]
fn definition_and_references_cross_files_and_count_utf16_columns() {
    let (mut server, _) = Server::start();
    let fixed = WEB.replace("dubb", "dub");
    server.open("web.steer", &fixed);
    // `fra` in `primary fra` → the endpoint in zone.steer.
    let (definition, _) = server.request("textDocument/definition", server.at("web.steer", 3, 11));
    assert_eq!(place(&definition), "zone.steer:13:9");
    // `dub` after `"bücher"` and `"é😀"`: line 6, UTF-16 column 47
    // (bytes would say 51).
    let line = fixed.lines().nth(6).expect("line 7");
    let byte = line.find("dub").expect("dub");
    let column = line[..byte].encode_utf16().count() as u32;
    assert_eq!((byte, column), (51, 47));
    let (definition, _) = server.request(
        "textDocument/definition",
        server.at("web.steer", 6, column + 1),
    );
    assert_eq!(place(&definition), "zone.steer:18:9");
    // The record an alias names.
    let (definition, _) = server.request("textDocument/definition", server.at("web.steer", 7, 31));
    assert_eq!(place(&definition), "web.steer:2:7");
    // A check, a region, an endpoint: every use, with or without the
    // definition.
    let mut at = server.at("zone.steer", 16, 9);
    at["context"] = json!({"includeDeclaration": true});
    let (references, _) = server.request("textDocument/references", at.clone());
    assert_eq!(places(&references), ["zone.steer:16:8", "zone.steer:8:6"]);
    let mut region = server.at("zone.steer", 5, 8);
    region["context"] = json!({"includeDeclaration": false});
    let (references, _) = server.request("textDocument/references", region);
    assert_eq!(places(&references), ["zone.steer:14:9"]);
    at = server.at("zone.steer", 13, 10);
    at["context"] = json!({"includeDeclaration": true});
    let (references, _) = server.request("textDocument/references", at);
    assert_eq!(
        places(&references),
        ["web.steer:3:10", "web.steer:6:31", "zone.steer:13:9"]
    );
    // Nothing named at the cursor: no answer.
    let (nothing, _) = server.request("textDocument/definition", server.at("web.steer", 0, 1));
    assert_eq!(nothing, Value::Null);
    server.stop();
}

#[test]
fn hover_says_what_a_name_is_and_what_a_routed_record_answers() {
    let (mut server, _) = Server::start();
    server.open("web.steer", &WEB.replace("dubb", "dub"));
    let mut hover = |file: &str, line: u32, character: u32| {
        let (reply, _) = server.request("textDocument/hover", server.at(file, line, character));
        reply["contents"]["value"]
            .as_str()
            .unwrap_or_else(|| panic!("hover at {file}:{line}:{character}: {reply}"))
            .to_string()
    };
    insta::assert_snapshot!("hover_record", hover("web.steer", 2, 8));
    insta::assert_snapshot!("hover_check", hover("zone.steer", 16, 10));
    insta::assert_snapshot!("hover_region", hover("zone.steer", 14, 12));
    insta::assert_snapshot!("hover_endpoint", hover("zone.steer", 13, 10));
    assert_eq!(
        hover("zone.steer", 5, 27),
        "**AWS region** `eu-central-1`: Europe (Frankfurt)"
    );
    server.stop();
}

#[test]
fn completion_offers_names_of_the_right_kind_and_codes() {
    let (mut server, _) = Server::start();
    let text = format!(
        "{}record api A = geolocation {{\n  country \n  default => \n}}\nendpoint e {{\n  check \n  region \n}}\nregion x {{ aws \"eu-w",
        WEB.replace("dubb", "dub")
    );
    server.open("web.steer", &text);
    let mut labels = |line: u32, character: u32| {
        let (reply, _) = server.request(
            "textDocument/completion",
            server.at("web.steer", line, character),
        );
        let mut labels: Vec<String> = reply
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["label"].as_str().expect("a label").to_string())
            .collect();
        labels.sort();
        labels
    };
    let countries = labels(10, 10);
    assert!(countries.contains(&"DE".to_string()) && !countries.contains(&"HM".to_string()));
    assert_eq!(labels(11, 13), ["dub", "e", "fra", "shop"]);
    assert_eq!(labels(14, 8), ["fra_up"]);
    assert_eq!(labels(15, 9), ["dublin", "frankfurt"]);
    let anywhere = labels(17, 0);
    for word in ["record", "failover", "fra_up", "zone"] {
        assert!(anywhere.contains(&word.to_string()), "{word}: {anywhere:?}");
    }
    // A region code replaces all that was typed of it, `-` included.
    let (reply, _) = server.request("textDocument/completion", server.at("web.steer", 17, 20));
    let west = reply
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["label"] == "eu-west-1")
        .expect("eu-west-1 offered");
    assert_eq!(
        west["textEdit"],
        json!({"range": {"start": {"line": 17, "character": 16}, "end": {"line": 17, "character": 20}},
               "newText": "eu-west-1"})
    );
    assert_eq!(west["detail"], "Europe (Ireland)");
    server.stop();
}

#[test]
fn formatting_goes_through_steer_fmt() {
    let (mut server, _) = Server::start();
    let messy = "zone \"example.com\"\nrecord   www A [ 192.0.2.1 ,]\n";
    server.open("web.steer", messy);
    let options = json!({"tabSize": 2, "insertSpaces": true});
    let uri = server.uri("web.steer");
    let (edits, _) = server.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": options}),
    );
    let formatted = steer::fmt::format_source(messy).expect("parses");
    assert_eq!(
        edits,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}},
                "newText": formatted}])
    );
    // A file that does not parse: no edits, no error.
    server.change("web.steer", 2, "record www A = {");
    let (edits, _) = server.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": options}),
    );
    assert_eq!(edits, json!([]));
    server.stop();
}
