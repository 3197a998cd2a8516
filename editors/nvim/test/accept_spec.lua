-- Meeting an unknown code in Neovim: "Ignore AIS.0110 in this project" runs the server's
-- command, which writes errcode.toml; the diagnostic goes once the server has reloaded.

local T = dofile(vim.fs.joinpath(vim.env.ERRCODE_NVIM_ROOT, 'test', 'helpers.lua'))

vim.opt.rtp:prepend(T.plugin)
vim.cmd('filetype on')
vim.lsp.enable('errcode')

local function unknown(buf)
  return vim.tbl_filter(function(d)
    return d.code == 'unknown-code'
  end, vim.diagnostic.get(buf))
end

T.test('"Ignore AIS.0110 in this project" writes errcode.toml and the diagnostic goes', function()
  local buf = T.open('client.py')
  T.client(buf)
  T.wait('the unknown-code diagnostic', function()
    return #unknown(buf) > 0
  end)
  T.contains(unknown(buf)[1].message, 'unknown error code `AIS.0110`', 'message')
  T.cursor_on('AIS.0110')
  vim.lsp.buf.code_action({
    context = { only = { 'quickfix' } },
    filter = function(action)
      return action.title == 'Ignore AIS.0110 in this project'
    end,
    apply = true,
  })
  T.wait('the diagnostic to go away', function()
    return #unknown(buf) == 0
  end)
  local config = table.concat(vim.fn.readfile(vim.fs.joinpath(T.ws, 'errcode.toml')), '\n')
  T.eq(
    '# Marks the project root for the tests; the built-in catalog and default rules apply.\n'
      .. 'ignore-codes = ["AIS.0110"]',
    config,
    'errcode.toml keeps its comment and gains the code'
  )
  T.eq(false, vim.bo[buf].modified, 'the buffer itself is not edited')
end)

T.finish()
