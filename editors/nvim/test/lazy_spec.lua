-- lazy.lua, the spec lazy.nvim reads from the plugin's root: it must name this folder, and
-- doing what lazy.nvim does with it (put `dir` on the runtimepath, then, on the first file,
-- require(main).setup(opts)) must give a working client. lazy.nvim itself is not installable
-- from the package registries, so its merging of specs is not exercised here.

local T = dofile(vim.fs.joinpath(vim.env.ERRCODE_NVIM_ROOT, 'test', 'helpers.lua'))

local specs = dofile(vim.fs.joinpath(T.plugin, 'lazy.lua'))
local spec = specs[1]

T.test('lazy.lua names the plugin folder and its main module', function()
  T.eq(vim.fs.normalize(T.plugin), vim.fs.normalize(spec.dir), 'dir')
  T.eq('errcode', spec.main, 'main')
  T.eq('errcode', spec.name, 'name')
end)

T.test('loading as lazy.nvim does attaches errcode-ls to the first file', function()
  vim.opt.rtp:prepend(spec.dir)
  vim.cmd('runtime! plugin/errcode.lua')
  require(spec.main).setup(vim.tbl_deep_extend('force', spec.opts, { settings = {} }))
  local buf = T.open('client.py')
  local client = T.client(buf)
  T.eq('errcode', client.name, 'client name')
  for _, command in ipairs(spec.cmd) do
    T.eq(2, vim.fn.exists(':' .. command), 'command ' .. command .. ' (lazy.nvim loads on it)')
  end
end)

T.finish()
