--- errcode-ls in Neovim 0.10+: `require('errcode').setup({...})`.
---
--- Owns attaching the server to every file buffer (through `vim.lsp.start`, which 0.10 has),
--- the user commands and the explain float. It must NOT interpret error codes: every answer
--- comes from the server.

local M = {}

--- Defaults; `setup()` merges the user's options over these.
M.defaults = {
  --- Command starting the server; nil: `$ERRCODE_LS_PATH`, else `errcode-ls` on PATH.
  ---@type string[]|nil
  cmd = nil,
  --- Files whose nearest ancestor holds one of these is the project root.
  root_markers = { 'errcode.toml', '.git' },
  --- The `errcode` section (keys of errcode.toml) sent to the server.
  settings = {},
  --- Filetypes never attached (e.g. { 'gitcommit' }).
  exclude_filetypes = {},
  --- Passed to `vim.lsp.start` as the client's `on_attach`.
  on_attach = nil,
  --- Passed to `vim.lsp.start` as the client's `capabilities`.
  capabilities = nil,
}

---@type table
M.options = vim.deepcopy(M.defaults)

local function has_011()
  return vim.fn.has('nvim-0.11') == 1
end

--- The command that starts the server for these options.
---@param opts table|nil
---@return string[]
function M.server_cmd(opts)
  opts = opts or M.options
  if opts.cmd then
    return opts.cmd
  end
  local bin = vim.env.ERRCODE_LS_PATH
  if bin == nil or bin == '' then
    bin = 'errcode-ls'
  end
  return { bin, 'lsp' }
end

local function root_dir(bufnr, opts)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local root = vim.fs.root(bufnr, opts.root_markers)
  return root or vim.fs.dirname(name)
end

--- Attaches the server to a buffer if it is a file buffer. Safe to call more than once: the
--- running client for the same root is reused.
---@param bufnr integer
function M.attach(bufnr)
  if bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= '' then
    return
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a+://') then
    return
  end
  if vim.tbl_contains(M.options.exclude_filetypes, vim.bo[bufnr].filetype) then
    return
  end
  local opts = M.options
  return vim.lsp.start({
    name = 'errcode',
    cmd = M.server_cmd(opts),
    root_dir = root_dir(bufnr, opts),
    settings = { errcode = next(opts.settings) and opts.settings or vim.empty_dict() },
    init_options = next(opts.settings) and opts.settings or vim.empty_dict(),
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  }, { bufnr = bufnr })
end

--- The errcode client attached to a buffer, if any.
---@param bufnr integer|nil
function M.client(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ bufnr = bufnr, name = 'errcode' })[1]
end

local function request(client, method, params, handler, bufnr)
  if has_011() then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- Shows the server's card for the code under the cursor in a float (`:ErrcodeExplain`).
---@param callback fun(win: integer|nil)|nil called with the float's window, or nil when none
function M.explain(callback)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  local done = callback or function() end
  if not client then
    vim.notify('errcode: no errcode-ls attached to this buffer', vim.log.levels.WARN)
    return done(nil)
  end
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  request(client, 'textDocument/hover', params, function(err, result)
    if err then
      vim.notify('errcode: ' .. tostring(err.message or err), vim.log.levels.ERROR)
      return done(nil)
    end
    if not result or not result.contents then
      vim.notify('errcode: no error code under the cursor', vim.log.levels.INFO)
      return done(nil)
    end
    local lines = vim.lsp.util.convert_input_to_markdown_lines(result.contents)
    if #lines == 0 then
      vim.notify('errcode: no error code under the cursor', vim.log.levels.INFO)
      return done(nil)
    end
    local _, win = vim.lsp.util.open_floating_preview(lines, 'markdown', {
      border = 'rounded',
      focus_id = 'errcode-explain',
      max_width = math.max(40, math.floor(vim.o.columns * 0.8)),
    })
    done(win)
  end, bufnr)
end

--- Has the server scan a log file from disk (`:ErrcodeScanLog [file]`) and opens its Markdown
--- report: codes by count with message, solution and links to lines. Works on files of any
--- size, read by the server in chunks; without an argument, the current buffer's file.
---@param path string|nil the file (default: the current buffer's)
---@param callback fun(report: string|nil)|nil called with the report's path, or nil on failure
function M.scan_log(path, callback)
  local done = callback or function() end
  local bufnr = vim.api.nvim_get_current_buf()
  local file = (path and path ~= '') and vim.fn.fnamemodify(path, ':p') or vim.api.nvim_buf_get_name(bufnr)
  if file == '' then
    vim.notify('errcode: give a file to scan (:ErrcodeScanLog FILE)', vim.log.levels.WARN)
    return done(nil)
  end
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local client = M.client(bufnr) or get({ name = 'errcode' })[1]
  if not client then
    vim.notify('errcode: errcode-ls is not running', vim.log.levels.WARN)
    return done(nil)
  end
  local params = { command = 'errcode.scanLogFile', arguments = { file } }
  request(client, 'workspace/executeCommand', params, function(err, result)
    if err or not result or not result.reportPath then
      vim.notify('errcode: could not scan ' .. file .. ': ' .. tostring(err and err.message or 'no report'), vim.log.levels.ERROR)
      return done(nil)
    end
    vim.cmd.edit(vim.fn.fnameescape(result.reportPath))
    done(result.reportPath)
  end, bufnr)
end

--- Restarts the errcode clients and reattaches every file buffer (`:ErrcodeRestart`).
function M.restart()
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  for _, client in ipairs(get({ name = 'errcode' })) do
    if has_011() then
      client:stop()
    else
      client.stop()
    end
  end
  vim.defer_fn(function()
    if not M.did_setup and has_011() then
      -- Started by `vim.lsp.enable('errcode')`: enabling again re-attaches open buffers.
      vim.lsp.enable('errcode', false)
      vim.lsp.enable('errcode')
      return
    end
    for _, buf in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(buf) then
        M.attach(buf)
      end
    end
  end, 500)
end

local function create_commands()
  vim.api.nvim_create_user_command('ErrcodeExplain', function()
    M.explain()
  end, { desc = 'errcode: explain the error code under the cursor' })
  vim.api.nvim_create_user_command('ErrcodeRestart', function()
    M.restart()
  end, { desc = 'errcode: restart errcode-ls' })
  vim.api.nvim_create_user_command('ErrcodeScanLog', function(args)
    M.scan_log(args.args)
  end, { desc = 'errcode: scan a log file and open its report', nargs = '?', complete = 'file' })
end

--- Starts errcode-ls for every file buffer, now and as they are opened.
---@param opts table|nil see `M.defaults` and `:help errcode-setup`
function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  M.did_setup = true
  create_commands()
  local group = vim.api.nvim_create_augroup('errcode', { clear = true })
  -- BufReadPost/BufNewFile rather than FileType: a buffer with no filetype (a `.log` or an
  -- extension Neovim does not know) fires no FileType event, yet may be full of codes.
  vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
    group = group,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- A filetype set later may be excluded, or the buffer may only now become a file buffer.
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    callback = function(args)
      if not M.client(args.buf) then
        M.attach(args.buf)
      end
    end,
  })
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) then
      M.attach(buf)
    end
  end
end

return M
