pub mod lsp_client;
pub mod text_model;
