-- errcode-ls for Neovim 0.11+: `vim.lsp.enable('errcode')`, or nvim-lspconfig, picks this up
-- from the runtimepath. Owns only the server's launch configuration; commands and the
-- attach-to-every-buffer behaviour live in `lua/errcode/` (`require('errcode').setup()`).
--
-- The binary is `$ERRCODE_LS_PATH` when set, else `errcode-ls` on PATH. Override any field
-- with `vim.lsp.config('errcode', { ... })`, e.g. `settings = { errcode = { builtin = false } }`.

local bin = vim.env.ERRCODE_LS_PATH
if bin == nil or bin == '' then
  bin = 'errcode-ls'
end

---@type vim.lsp.Config
return {
  cmd = { bin, 'lsp' },
  -- No `filetypes`: error codes appear in source of every language, in logs and plain text,
  -- so the server attaches whatever the filetype.
  root_markers = { 'errcode.toml', '.git' },
  -- The `errcode` section has the keys of errcode.toml (`catalogs`, `builtin`, `rules`,
  -- `ignoreCodes`, `expected`, `defaultSignifiesExhaustive`, `inlayHints`); empty means the
  -- project's errcode.toml and the server's defaults decide.
  settings = { errcode = vim.empty_dict() },
  -- The same settings as `initializationOptions`, so the server's first catalog load already
  -- uses them rather than waiting for `workspace/didChangeConfiguration`.
  before_init = function(params, config)
    local settings = config.settings and config.settings.errcode
    if settings ~= nil then
      params.initializationOptions = settings
    end
  end,
}
