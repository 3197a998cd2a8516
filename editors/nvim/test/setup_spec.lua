-- Neovim 0.10+ through `require('errcode').setup()`: every file buffer (logs and files with
-- no filetype too), `:ErrcodeExplain`, `:checkhealth errcode` and the help file.

local T = dofile(vim.fs.joinpath(vim.env.ERRCODE_NVIM_ROOT, 'test', 'helpers.lua'))

vim.opt.rtp:prepend(T.plugin)
vim.cmd('filetype on')
vim.cmd('runtime plugin/errcode.lua')
require('errcode').setup({ settings = { rules = { ['unknown-code'] = 'error' } } })

T.test('setup() attaches errcode-ls to a log buffer, which has no filetype', function()
  local buf = T.open('service.log')
  T.eq('', vim.bo[buf].filetype, 'filetype')
  local client = T.client(buf)
  T.cursor_on('APIG.0308')
  local text = T.hover_text(T.request('textDocument/hover', T.position_params(client)))
  T.contains(text, 'APIG.0308', 'hover')
end)

T.test('setup() attaches to a file of an unknown extension, sharing the client of its root', function()
  local log = T.open('service.log')
  local first = T.client(log)
  local buf = T.open('notes.unknownext')
  T.eq(first.id, T.client(buf).id, 'client id')
end)

T.test('settings given to setup() reach the server: unknown-code is reported as an error', function()
  local buf = T.open('client.py')
  T.client(buf)
  local diags
  -- The first diagnostics may predate the settings; wait for those made with them.
  vim.wait(T.timeout, function()
    diags = vim.diagnostic.get(buf)
    return #diags > 0 and diags[1].severity == vim.diagnostic.severity.ERROR
  end, 20)
  T.eq({ 'unknown-code', vim.diagnostic.severity.ERROR }, { diags[1] and diags[1].code, diags[1] and diags[1].severity }, 'rule and severity')
end)

T.test(':ErrcodeExplain shows the card in a float', function()
  local buf = T.open('service.log')
  T.client(buf)
  T.cursor_on('AIS.0103')
  vim.cmd('ErrcodeExplain')
  local float
  T.wait('the float', function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= '' then
        float = win
        return true
      end
    end
    return false
  end)
  local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), '\n')
  T.contains(text, 'AIS.0103', 'float')
  T.contains(text, 'The image size does not meet the requirements.', 'float')
  vim.api.nvim_win_close(float, true)
end)

T.test(':ErrcodeRestart replaces the client and re-attaches the open buffer', function()
  local buf = T.open('service.log')
  local old = T.client(buf)
  vim.cmd('ErrcodeRestart')
  local new
  T.wait('a new client', function()
    new = vim.lsp.get_clients({ bufnr = buf, name = 'errcode' })[1]
    return new ~= nil and new.id ~= old.id and new.initialized
  end)
  T.eq(true, old:is_stopped(), 'old client stopped')
  T.cursor_on('APIG.0308')
  T.contains(T.hover_text(T.request('textDocument/hover', T.position_params(new))), 'APIG.0308', 'hover')
end)

T.test(':checkhealth errcode reports the server version', function()
  vim.cmd('checkhealth errcode')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  local version = vim.trim(vim.system({ vim.env.ERRCODE_LS_PATH, '--version' }, { text = true }):wait().stdout)
  T.contains(text, 'OK ' .. version, 'health report')
  assert(text:find('client %d+ running, root ' .. vim.pesc(T.ws)), 'no running client in the report:\n' .. text)
  assert(not text:find('ERROR', 1, true), 'health report has an error:\n' .. text)
  vim.cmd('bwipeout!')
end)

T.test('the help file has its tags, and every link in it resolves', function()
  -- A copy with generated tags, so the plugin folder itself stays untouched.
  local root = vim.fn.tempname()
  vim.fn.mkdir(vim.fs.joinpath(root, 'doc'), 'p')
  local text = vim.fn.readfile(vim.fs.joinpath(T.plugin, 'doc', 'errcode.txt'))
  vim.fn.writefile(text, vim.fs.joinpath(root, 'doc', 'errcode.txt'))
  vim.cmd('helptags ' .. vim.fn.fnameescape(vim.fs.joinpath(root, 'doc')))
  vim.opt.rtp:prepend(root)
  local function resolves(tag)
    return vim.tbl_contains(vim.fn.getcompletion(tag, 'help'), tag)
  end
  for _, tag in ipairs({ 'errcode', 'errcode-setup', 'errcode-enable', ':ErrcodeExplain', 'errcode-health' }) do
    assert(resolves(tag), 'missing help tag ' .. tag)
  end
  for link in table.concat(text, '\n'):gmatch('|([^|%s]+)|') do
    assert(resolves(link), 'link to a missing tag |' .. link .. '|')
  end
  vim.cmd('help errcode-setup')
  T.contains(vim.api.nvim_get_current_line(), '*errcode-setup*', 'help line')
  vim.cmd('helpclose')
end)

T.test(':ErrcodeScanLog has the server scan the log on disk and opens its report', function()
  local buf = T.open('service.log')
  T.client(buf)
  vim.cmd('ErrcodeScanLog')
  local report
  T.wait('the report buffer', function()
    local name = vim.api.nvim_buf_get_name(0)
    if name:match('service%.log%.errcode%.md$') then
      report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
      return report ~= ''
    end
    return false
  end)
  T.contains(report, '# Error codes in', 'report title')
  T.contains(report, '`AIS.0103`', 'report row')
  T.contains(report, 'service.log#L1)', 'link to the first line')
end)

T.finish()
