-- The heart of the product in Neovim: a `switch` that leaves codes unhandled is reported, and
-- the "Add N missing arms" quick fix writes them into the buffer.

local T = dofile(vim.fs.joinpath(vim.env.ERRCODE_NVIM_ROOT, 'test', 'helpers.lua'))

vim.opt.rtp:prepend(T.plugin)
vim.cmd('filetype on')
vim.lsp.enable('errcode')

local function unhandled(buf)
  return vim.tbl_filter(function(d)
    return d.code == 'unhandled-codes'
  end, vim.diagnostic.get(buf))
end

T.test('a switch missing codes gets an unhandled-codes diagnostic on its subject', function()
  local buf = T.open('handler.go')
  T.client(buf)
  local diags
  T.wait('diagnostics', function()
    diags = unhandled(buf)
    return #diags > 0
  end)
  T.eq(1, #diags, 'one unhandled-codes diagnostic')
  T.eq('errcode', diags[1].source, 'source')
  T.contains(diags[1].message, '2 error codes not handled: AIS.0104, AIS.0105', 'message')
  local line = T.cursor_on('switch code')
  T.eq(line - 1, diags[1].lnum, 'on the switch line')
end)

T.test('"Add 2 missing arms" writes the cases in Go, with tabs', function()
  local buf = T.open('handler.go')
  T.client(buf)
  T.wait('diagnostics', function()
    return #unhandled(buf) > 0
  end)
  T.cursor_on('switch code')
  local function fixed()
    return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n'):find('case "AIS.0105":', 1, true)
  end
  for _ = 1, 5 do
    vim.lsp.buf.code_action({
      context = { only = { 'quickfix' } },
      filter = function(action)
        return action.title == 'Add 2 missing arms'
      end,
      apply = true,
    })
    if vim.wait(2000, fixed, 20) then
      break
    end
  end
  T.wait('the arms to be added', fixed, 1)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local text = table.concat(lines, '\n')
  T.contains(text, '\tcase "AIS.0104":\n\t\t// TODO: AIS.0104: The image is not supported or the image quality is poor.', 'new arm')
  T.contains(text, '\tcase "AIS.0105":', 'new arm')
  T.wait('the diagnostic to go away', function()
    return #unhandled(buf) == 0
  end)
end)

T.finish()
