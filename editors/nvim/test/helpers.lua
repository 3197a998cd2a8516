-- A small test harness for specs run by `nvim --headless -u NONE -l SPEC`. Each test prints
-- `ok - NAME` or `not ok - NAME` (with the reason) on stdout; run.sh counts those lines.

local T = { passed = 0, failed = 0 }

--- The copy of test/fixtures this run works in, and the plugin's folder.
T.ws = assert(vim.env.ERRCODE_TEST_WS, 'ERRCODE_TEST_WS is not set (use test/run.sh)')
T.plugin = assert(vim.env.ERRCODE_NVIM_ROOT, 'ERRCODE_NVIM_ROOT is not set (use test/run.sh)')
T.timeout = 10000

local function out(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end

function T.test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    T.passed = T.passed + 1
    out('ok - ' .. name)
  else
    T.failed = T.failed + 1
    out('not ok - ' .. name)
    for line in tostring(err):gmatch('[^\n]+') do
      out('#   ' .. line)
    end
  end
end

function T.finish()
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop(true)
  end
  os.exit(T.failed == 0 and 0 or 1)
end

function T.eq(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    error(('%s: expected %s, got %s'):format(what or 'value', vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

function T.contains(haystack, needle, what)
  if type(haystack) ~= 'string' or not haystack:find(needle, 1, true) then
    error(('%s: expected to contain %q, got %s'):format(what or 'text', needle, vim.inspect(haystack)), 2)
  end
end

function T.wait(what, cond, timeout)
  local ok = vim.wait(timeout or T.timeout, cond, 20)
  if not ok then
    error('timed out waiting for ' .. what, 2)
  end
end

--- Opens a fixture in the current window and answers its buffer.
function T.open(name)
  vim.cmd.edit(vim.fs.joinpath(T.ws, name))
  return vim.api.nvim_get_current_buf()
end

--- The initialized errcode client of a buffer, waiting for it to attach.
function T.client(bufnr)
  local client
  T.wait('errcode-ls to attach to ' .. vim.api.nvim_buf_get_name(bufnr), function()
    client = vim.lsp.get_clients({ bufnr = bufnr, name = 'errcode' })[1]
    return client ~= nil and client.initialized
  end)
  return client
end

--- Puts the cursor on the second character of the first occurrence of `text`.
function T.cursor_on(text)
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  for i, line in ipairs(lines) do
    local col = line:find(text, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { i, col })
      return i, col - 1
    end
  end
  error(('%q is not in %s'):format(text, vim.api.nvim_buf_get_name(0)), 2)
end

--- A request on the current buffer, answered synchronously.
function T.request(method, params)
  local res, err = vim.lsp.buf_request_sync(0, method, params, T.timeout)
  if not res then
    error(method .. ': ' .. tostring(err), 2)
  end
  for _, r in pairs(res) do
    if r.err then
      error(method .. ': ' .. vim.inspect(r.err), 2)
    end
    return r.result
  end
end

function T.position_params(client)
  return vim.lsp.util.make_position_params(0, client.offset_encoding)
end

--- The text of a hover result, whatever shape its contents have.
function T.hover_text(result)
  assert(result and result.contents, 'no hover result')
  return table.concat(vim.lsp.util.convert_input_to_markdown_lines(result.contents), '\n')
end

--- The line of `path` (1-based) that contains `text` in a catalog table's code cell.
function T.catalog_line(path, code)
  local n = 0
  for line in io.lines(path) do
    n = n + 1
    if line:match('^|[^|]*|%s*' .. vim.pesc(code) .. '%s*|') then
      return n
    end
  end
  error(code .. ' has no table row in ' .. path, 2)
end

return T
