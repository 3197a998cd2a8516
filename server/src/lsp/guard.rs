//! Request handlers never take the process down: a panic becomes an error answer.
//!
//! **Invariant:** wraps synchronous work only; handlers take their snapshot, then compute
//! inside [`guarded`], so no lock and no `.await` is ever inside the guarded closure.

use std::panic::{AssertUnwindSafe, catch_unwind};

use tower_lsp_server::jsonrpc;

/// Runs `work`; a panic is logged and answered as an internal error naming the request.
pub fn guarded<T>(request: &'static str, work: impl FnOnce() -> T) -> jsonrpc::Result<T> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        tracing::error!(request, panic = %what, "request handler panicked; the server goes on");
        jsonrpc::Error {
            code: jsonrpc::ErrorCode::InternalError,
            message: format!("errcode-ls: internal error while answering {request}").into(),
            data: None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_naming_the_request() {
        let answer: jsonrpc::Result<u8> = guarded("textDocument/hover", || panic!("index out of bounds"));
        let error = answer.expect_err("a panic is an error answer");
        assert_eq!(error.code, jsonrpc::ErrorCode::InternalError);
        assert_eq!(error.message, "errcode-ls: internal error while answering textDocument/hover");
    }

    #[test]
    fn a_panic_with_a_formatted_message_is_caught_too() {
        let code = String::from("AIS.0101");
        let answer: jsonrpc::Result<()> =
            guarded("textDocument/completion", || panic!("no entry for {code}"));
        assert_eq!(answer.map_err(|e| e.code), Err(jsonrpc::ErrorCode::InternalError));
    }

    #[test]
    fn work_that_does_not_panic_is_answered_as_is() {
        assert_eq!(guarded("textDocument/hover", || Some(3)).ok(), Some(Some(3)));
    }

    #[test]
    fn the_guard_can_be_used_again_after_a_panic() {
        let _ = guarded("first", || -> () { panic!("first") });
        assert_eq!(guarded("second", || 7).ok(), Some(7));
    }
}
