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
        let answer: jsonrpc::Result<()> = guarded("textDocument/hover", || panic!("boom"));
        let error = answer.expect_err("the panic is caught");
        assert_eq!(error.code, jsonrpc::ErrorCode::InternalError);
        assert_eq!(error.message, "errcode-ls: internal error while answering textDocument/hover");
    }

    #[test]
    fn a_normal_answer_passes_through() {
        assert_eq!(guarded("workspace/symbol", || 7).ok(), Some(7));
    }
}
