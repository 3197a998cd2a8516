-- lazy.nvim reads this file from the plugin's root and merges it with the user's spec, so
--   { dir = '/path/to/errcode-ls/editors/nvim', name = 'errcode' }
-- is a complete installation: set up on the first file opened (every buffer, logs included,
-- gets the server), with the user's `opts` passed to require('errcode').setup().
return {
  {
    name = 'errcode',
    dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h'),
    main = 'errcode',
    event = { 'BufReadPre', 'BufNewFile' },
    cmd = { 'ErrcodeExplain', 'ErrcodeRestart', 'ErrcodeScanLog' },
    opts = {},
  },
}
