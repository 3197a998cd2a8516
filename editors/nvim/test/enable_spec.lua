-- Neovim 0.11+ through `lsp/errcode.lua` and `vim.lsp.enable('errcode')`, as a user of the
-- built-in LSP client (or nvim-lspconfig) sets it up.

local T = dofile(vim.fs.joinpath(vim.env.ERRCODE_NVIM_ROOT, 'test', 'helpers.lua'))

vim.opt.rtp:prepend(T.plugin)
vim.cmd('filetype on')
vim.lsp.enable('errcode')

T.test('vim.lsp.enable attaches errcode-ls to a Python file', function()
  local buf = T.open('client.py')
  T.eq('python', vim.bo[buf].filetype, 'filetype')
  local client = T.client(buf)
  T.eq(vim.fs.normalize(T.ws), vim.fs.normalize(client.root_dir), 'root (errcode.toml marker)')
end)

T.test('hover on a code shows its catalog card', function()
  local buf = T.open('client.py')
  local client = T.client(buf)
  T.cursor_on('AIS.0101')
  local text = T.hover_text(T.request('textDocument/hover', T.position_params(client)))
  T.contains(text, 'AIS.0101', 'hover')
  T.contains(text, 'The input parameter is invalid.', 'hover')
end)

T.test('go to definition opens the catalog at the code entry', function()
  local buf = T.open('client.py')
  T.client(buf)
  T.cursor_on('ModelArts.4204')
  vim.lsp.buf.definition()
  T.wait('the definition to open', function()
    return vim.api.nvim_get_current_buf() ~= buf
  end)
  local target = vim.api.nvim_buf_get_name(0)
  T.eq('huawei-cloud-ocr.rst', vim.fs.basename(target), 'definition file')
  local row = vim.api.nvim_win_get_cursor(0)[1]
  T.eq(T.catalog_line(target, 'ModelArts.4204'), row, 'definition line')
  T.contains(vim.api.nvim_get_current_line(), 'ModelArts.4204', 'line under the cursor')
end)

T.test('an unknown code of a known namespace gets an unknown-code diagnostic', function()
  local buf = T.open('client.py')
  T.client(buf)
  local diags
  T.wait('diagnostics', function()
    diags = vim.diagnostic.get(buf)
    return #diags > 0
  end)
  local line, col = T.cursor_on('AIS.0110')
  T.eq(1, #diags, 'number of diagnostics (only AIS.0110 is unknown)')
  local d = diags[1]
  T.eq('errcode', d.source, 'source')
  T.eq('unknown-code', d.code, 'code')
  T.eq(vim.diagnostic.severity.WARN, d.severity, 'severity (the default, no settings given)')
  T.eq({ line - 1, col, col + #'AIS.0110' }, { d.lnum, d.col, d.end_col }, 'range')
  T.contains(d.message, 'AIS.0110', 'message')
end)

T.test('applying the quick fix replaces the unknown code in the buffer', function()
  local buf = T.open('client.py')
  local client = T.client(buf)
  T.wait('diagnostics', function()
    return #vim.diagnostic.get(buf) > 0
  end)
  local line = T.cursor_on('AIS.0110')
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = { diagnostics = vim.lsp.diagnostic.from(vim.diagnostic.get(buf)), only = { 'quickfix' } }
  local actions = T.request('textDocument/codeAction', params) or {}
  local chosen
  for _, action in ipairs(actions) do
    chosen = chosen or (action.title:match('^Replace with ') and action)
  end
  assert(chosen, 'no "Replace with" quick fix among ' .. vim.inspect(vim.tbl_map(function(a)
    return a.title
  end, actions)))
  local replacement = chosen.title:match('^Replace with (%S+)')
  local function fixed()
    return not vim.api.nvim_buf_get_lines(buf, line - 1, line, false)[1]:find('AIS.0110', 1, true)
  end
  -- Through the user's path: the same function `gra` / `:lua vim.lsp.buf.code_action()` runs.
  -- It sends the line's current diagnostics; if they are being republished at that moment
  -- there is nothing to fix yet, and a user would simply ask again.
  for _ = 1, 5 do
    vim.lsp.buf.code_action({
      context = { only = { 'quickfix' } },
      filter = function(action)
        return action.title == chosen.title
      end,
      apply = true,
    })
    if vim.wait(2000, fixed, 20) then
      break
    end
  end
  T.wait('the buffer to change', fixed, 1)
  T.eq(
    ('    if error_code == "%s":'):format(replacement),
    vim.api.nvim_buf_get_lines(buf, line - 1, line, false)[1],
    'line after the fix'
  )
  T.eq(true, vim.bo[buf].modified, 'buffer modified')
end)

T.finish()
