//! `steer lsp`: a language server over standard input and output, for
//! editors. It reuses the pipeline and adds no rules of its own:
//!
//! - `state.rs` — the open documents (their unsaved text is the loader's
//!   [`crate::load::Overlay`]), positions in UTF-16 columns, `file:` URIs;
//! - `analysis.rs` — a document's whole zone loaded and checked as
//!   `steer check` does;
//! - `symbols.rs` — every definition and use of a name, from the tree;
//! - one file per request: `diagnostics.rs`, `definition.rs`,
//!   `references.rs`, `hover.rs` (with `steer explain`'s summary of a
//!   routed record), `completion.rs`, `formatting.rs` (`steer fmt`).
//!
//! The protocol is `lsp-server` (synchronous, rust-analyzer's) with the
//! types of `lsp-types`. [`Server::handle`] turns one message into the
//! messages to send, so tests can drive it without a process.

mod analysis;
mod completion;
mod definition;
mod diagnostics;
mod formatting;
mod hover;
mod references;
mod state;
mod symbols;

use analysis::Analysis;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    Completion, Formatting, GotoDefinition, HoverRequest, References, Request as _,
};
use lsp_types::{
    CompletionOptions, OneOf, PositionEncodingKind, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use state::Documents;
use std::collections::HashMap;

/// What the server can do, as sent in its `initialize` reply.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".to_string(), "\"".to_string()]),
            ..Default::default()
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

/// The server's state between messages.
#[derive(Debug, Default)]
pub struct Server {
    documents: Documents,
    /// The last analysis of a document, until any document changes.
    analyses: HashMap<Uri, Analysis>,
    /// The files each document's last diagnostics were published for.
    published: HashMap<Uri, Vec<Uri>>,
}

impl Server {
    /// The messages to send in answer to one message: a response to a
    /// request, diagnostics after a document changed.
    pub fn handle(&mut self, message: Message) -> Vec<Message> {
        match message {
            Message::Request(request) => vec![Message::Response(self.request(request))],
            Message::Notification(notification) => self.notification(notification),
            Message::Response(_) => Vec::new(),
        }
    }

    fn request(&mut self, request: Request) -> Response {
        match request.method.as_str() {
            GotoDefinition::METHOD => self.answer(
                request,
                |p: &lsp_types::GotoDefinitionParams| {
                    &p.text_document_position_params.text_document.uri
                },
                definition::definition,
            ),
            References::METHOD => self.answer(
                request,
                |p: &lsp_types::ReferenceParams| &p.text_document_position.text_document.uri,
                references::references,
            ),
            HoverRequest::METHOD => self.answer(
                request,
                |p: &lsp_types::HoverParams| &p.text_document_position_params.text_document.uri,
                hover::hover,
            ),
            Completion::METHOD => self.answer(
                request,
                |p: &lsp_types::CompletionParams| &p.text_document_position.text_document.uri,
                completion::completion,
            ),
            Formatting::METHOD => {
                match params::<lsp_types::DocumentFormattingParams>(request.params) {
                    Ok(p) => {
                        let uri = &p.text_document.uri;
                        let text = match self.documents.text(uri) {
                            Some(text) => Some(text.to_string()),
                            None => state::uri_to_path(uri)
                                .and_then(|path| std::fs::read_to_string(path).ok()),
                        };
                        let edits = text.map(|t| formatting::formatting(&t)).unwrap_or_default();
                        Response::new_ok(request.id, edits)
                    }
                    Err(e) => invalid(request.id, e),
                }
            }
            _ => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("steer lsp does not answer `{}`", request.method),
            ),
        }
    }

    /// Reads a request's parameters, analyses the document they name and
    /// answers with `f`.
    fn answer<P: DeserializeOwned, R: Serialize>(
        &mut self,
        request: Request,
        uri: fn(&P) -> &Uri,
        f: fn(&Analysis, &P) -> R,
    ) -> Response {
        match params::<P>(request.params) {
            Ok(p) => {
                let analysis = self.analysis(uri(&p));
                Response::new_ok(request.id, f(analysis, &p))
            }
            Err(e) => invalid(request.id, e),
        }
    }

    fn analysis(&mut self, uri: &Uri) -> &Analysis {
        let documents = &self.documents;
        self.analyses
            .entry(uri.clone())
            .or_insert_with(|| Analysis::new(documents, uri))
    }

    fn notification(&mut self, notification: Notification) -> Vec<Message> {
        let uri = match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidOpenTextDocumentParams>(notification.params)
                else {
                    return Vec::new();
                };
                self.documents
                    .open(p.text_document.uri.clone(), p.text_document.text);
                p.text_document.uri
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidChangeTextDocumentParams>(notification.params)
                else {
                    return Vec::new();
                };
                // Full synchronisation: the last change is the whole text.
                let Some(change) = p.content_changes.into_iter().last() else {
                    return Vec::new();
                };
                self.documents
                    .open(p.text_document.uri.clone(), change.text);
                p.text_document.uri
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidSaveTextDocumentParams>(notification.params)
                else {
                    return Vec::new();
                };
                p.text_document.uri
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = params::<lsp_types::DidCloseTextDocumentParams>(notification.params)
                else {
                    return Vec::new();
                };
                let uri = p.text_document.uri;
                self.documents.close(&uri);
                self.analyses.clear();
                self.published.remove(&uri);
                return publish(diagnostics::clear([uri]));
            }
            _ => return Vec::new(),
        };
        self.diagnose(uri)
    }

    /// Checks a changed document's zone and publishes the diagnostics of
    /// each of its files; a file the previous run published for and this
    /// one does not gets an empty list.
    fn diagnose(&mut self, uri: Uri) -> Vec<Message> {
        self.analyses.clear();
        let analysis = self.analysis(&uri);
        let mut messages = diagnostics::publish(analysis);
        let files: Vec<Uri> = messages.iter().map(|m| m.uri.clone()).collect();
        let gone: Vec<Uri> = self
            .published
            .insert(uri, files.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|u| !files.contains(u))
            .collect();
        messages.extend(diagnostics::clear(gone));
        publish(messages)
    }
}

fn publish(all: Vec<lsp_types::PublishDiagnosticsParams>) -> Vec<Message> {
    all.into_iter()
        .map(|p| {
            Message::Notification(Notification::new(PublishDiagnostics::METHOD.to_string(), p))
        })
        .collect()
}

fn params<P: DeserializeOwned>(value: serde_json::Value) -> Result<P, serde_json::Error> {
    serde_json::from_value(value)
}

fn invalid(id: lsp_server::RequestId, error: serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string())
}

/// Serves one client over standard input and output until it says
/// `exit` (after `shutdown`) or closes the stream.
pub fn serve_stdio() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (connection, io_threads) = Connection::stdio();
    serve(connection)?;
    io_threads.join()?;
    Ok(())
}

fn serve(connection: Connection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (id, _params) = connection.initialize_start()?;
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities(),
            "serverInfo": { "name": "steer", "version": env!("CARGO_PKG_VERSION") },
        }),
    )?;
    let mut server = Server::default();
    for message in &connection.receiver {
        let request_id = match &message {
            Message::Request(request) => {
                if connection.handle_shutdown(request)? {
                    return Ok(());
                }
                Some(request.id.clone())
            }
            Message::Notification(n) if n.method == "exit" => return Ok(()),
            _ => None,
        };
        // A bug must not take the editor's server down: the request gets
        // an error and the state starts afresh.
        let outgoing =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| server.handle(message)));
        let outgoing = outgoing.unwrap_or_else(|_| {
            server.analyses.clear();
            request_id
                .map(|id| {
                    Message::Response(Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        "steer lsp failed on this request (a bug: please report it)".to_string(),
                    ))
                })
                .into_iter()
                .collect()
        });
        for message in outgoing {
            connection.sender.send(message)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{state, Server};
    use lsp_server::{Message, Notification, Request, RequestId};
    use serde_json::json;
    use std::path::Path;

    fn notify(server: &mut Server, method: &str, params: serde_json::Value) -> Vec<Message> {
        server.handle(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )))
    }

    fn ask(server: &mut Server, method: &str, params: serde_json::Value) {
        let replies = server.handle(Message::Request(Request::new(
            RequestId::from(1),
            method.to_string(),
            params,
        )));
        match replies.as_slice() {
            [Message::Response(r)] => assert!(r.response_result.is_ok(), "{method}: {r:?}"),
            other => panic!("{method}: {other:?}"),
        }
    }

    /// Every request on truncated prefixes of every example, as an editor
    /// sends them while a file is typed: no panic, no error reply.
    #[test]
    fn truncated_examples_never_fail_a_request() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        // The examples and those of their directories (a split zone).
        let mut files = crate::load::expand(&root).expect("examples");
        for entry in std::fs::read_dir(&root).expect("examples") {
            let dir = entry.expect("an entry").path();
            if dir.is_dir() {
                files.extend(crate::load::expand(&dir).expect("a directory of examples"));
            }
        }
        assert!(files.len() > 5);
        for path in files {
            let text = std::fs::read_to_string(&path).expect("example");
            let uri = state::path_to_uri(&path).expect("a file URI");
            let mut server = Server::default();
            notify(
                &mut server,
                "textDocument/didOpen",
                json!({"textDocument": {"uri": uri, "languageId": "steer", "version": 0, "text": ""}}),
            );
            let stride = text.len() / 25 + 1;
            let mut cut = 0;
            while cut <= text.len() {
                let mut end = cut;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let prefix = &text[..end];
                let published = notify(
                    &mut server,
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": cut},
                           "contentChanges": [{"text": prefix}]}),
                );
                assert!(!published.is_empty(), "{}: no diagnostics", path.display());
                let index = state::LineIndex::new(prefix);
                for offset in [end, end / 2, end.saturating_sub(1)] {
                    let position = index.position(offset);
                    let at = json!({"textDocument": {"uri": uri}, "position": position});
                    ask(&mut server, "textDocument/definition", at.clone());
                    ask(&mut server, "textDocument/hover", at.clone());
                    ask(&mut server, "textDocument/completion", at.clone());
                    let mut references = at.clone();
                    references["context"] = json!({"includeDeclaration": true});
                    ask(&mut server, "textDocument/references", references);
                }
                ask(
                    &mut server,
                    "textDocument/formatting",
                    json!({"textDocument": {"uri": uri},
                           "options": {"tabSize": 2, "insertSpaces": true}}),
                );
                cut += stride;
            }
        }
    }
}
