--- `:checkhealth errcode`: is the server there, does it run, is it attached.
--- Owns only the report; it must NOT start or stop clients.

local M = {}

function M.check()
  local health = vim.health
  health.start('errcode')

  if vim.fn.has('nvim-0.10') == 1 then
    health.ok('Neovim ' .. tostring(vim.version()))
  else
    health.error('Neovim 0.10 or later is needed', { 'Upgrade Neovim.' })
  end

  local cmd = require('errcode').server_cmd()
  local bin = cmd[1]
  local path = vim.fn.exepath(bin)
  if path == '' then
    health.error(('`%s` was not found'):format(bin), {
      'Install errcode-ls (`cargo install --path server` in the errcode-ls repository) and put it on PATH,',
      'or set $ERRCODE_LS_PATH, or pass `cmd = { "/path/to/errcode-ls", "lsp" }` to setup().',
    })
    return
  end
  local result = vim.system({ path, '--version' }, { text = true }):wait(10000)
  local version = vim.trim(result.stdout or '')
  if result.code == 0 and version:match('^errcode%-ls') then
    health.ok(('%s (%s)'):format(version, path))
  else
    health.error(('`%s --version` failed (exit %s): %s'):format(path, tostring(result.code), vim.trim(result.stderr or '')))
  end

  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local clients = get({ name = 'errcode' })
  if #clients == 0 then
    health.info('No errcode client is running (open a file, or check `vim.lsp.enable("errcode")` / setup()).')
  end
  for _, client in ipairs(clients) do
    local buffers = vim.tbl_keys(client.attached_buffers or {})
    health.ok(('client %d running, root %s, %d buffer(s) attached'):format(
      client.id,
      tostring(client.root_dir or (client.config and client.config.root_dir)),
      #buffers
    ))
  end
end

return M
