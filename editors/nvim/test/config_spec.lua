-- `vim.lsp.config('errcode', {...})` overrides merge with lsp/errcode.lua, as they do for users
-- of nvim-lspconfig: the settings given there reach the server.

local T = dofile(vim.fs.joinpath(vim.env.ERRCODE_NVIM_ROOT, 'test', 'helpers.lua'))

vim.opt.rtp:prepend(T.plugin)
vim.cmd('filetype on')
vim.lsp.config('errcode', { settings = { errcode = { rules = { ['unknown-code'] = 'error' } } } })
vim.lsp.enable('errcode')

T.test('lsp/errcode.lua keeps its command and root markers under a user override', function()
  local config = vim.lsp.config.errcode
  T.eq({ vim.env.ERRCODE_LS_PATH, 'lsp' }, config.cmd, 'cmd (from $ERRCODE_LS_PATH)')
  T.eq({ 'errcode.toml', '.git' }, config.root_markers, 'root_markers')
  T.eq(nil, config.filetypes, 'filetypes (none: every filetype)')
end)

T.test('settings from vim.lsp.config reach the server: unknown-code is reported as an error', function()
  local buf = T.open('client.py')
  T.client(buf)
  local diags = {}
  -- The first diagnostics may predate the settings; wait for those made with them.
  vim.wait(T.timeout, function()
    diags = vim.diagnostic.get(buf)
    return #diags > 0 and diags[1].severity == vim.diagnostic.severity.ERROR
  end, 20)
  T.eq({ 'unknown-code', vim.diagnostic.severity.ERROR }, { diags[1] and diags[1].code, diags[1] and diags[1].severity }, 'rule and severity')
end)

T.finish()
