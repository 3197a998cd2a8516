-- Loaded with the plugin. Only defines commands; nothing starts until `setup()` or
-- `vim.lsp.enable('errcode')`, so users of either path pay nothing for the other.
if vim.g.loaded_errcode then
  return
end
vim.g.loaded_errcode = true

vim.api.nvim_create_user_command('ErrcodeExplain', function()
  require('errcode').explain()
end, { desc = 'errcode: explain the error code under the cursor' })

vim.api.nvim_create_user_command('ErrcodeRestart', function()
  require('errcode').restart()
end, { desc = 'errcode: restart errcode-ls' })

vim.api.nvim_create_user_command('ErrcodeScanLog', function(args)
  require('errcode').scan_log(args.args)
end, { desc = 'errcode: scan a log file and open its report', nargs = '?', complete = 'file' })
