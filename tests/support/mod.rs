pub mod http_server;
pub mod lsp_client;
pub mod text_model;
