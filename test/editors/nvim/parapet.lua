-- Parapet for Neovim's built-in LSP client (Neovim 0.7 or newer, no plugins needed).
--   require('parapet').setup({ server = '/path/to/parapet/dist/server.js' })
-- or, without a Lua module path: dofile('/path/to/parapet.lua').setup({ server = ... })
local M = {}

local FILETYPES = { 'yaml', 'json', 'jsonc', 'typescript', 'typescriptreact', 'python' }

--- Starts (or reuses) the Parapet server for a buffer. `vim.lsp.start` (0.8+) reuses a client by
--- name and root; on 0.7 the same is done by hand with start_client + buf_attach_client.
local clients = {}
local function attach(config, bufnr)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients[config.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients[config.root_dir] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
  return id
end

local function root_of(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = vim.fn.fnamemodify(name, ':p:h')
  local marker = vim.fn.finddir('.git', dir .. ';')
  if marker ~= '' then return vim.fn.fnamemodify(marker, ':p:h:h') end
  return dir
end

--- opts.server: path to dist/server.js (required); opts.node: node binary (default 'node');
--- opts.settings: the `parapet` settings table (enable, rules, exclude); opts.filetypes: override.
function M.setup(opts)
  opts = opts or {}
  assert(opts.server, 'parapet.setup: pass { server = "/path/to/dist/server.js" }')
  local settings = { parapet = vim.tbl_deep_extend('force', { enable = true, rules = {}, exclude = {} }, opts.settings or {}) }
  vim.api.nvim_create_autocmd('FileType', {
    pattern = opts.filetypes or FILETYPES,
    group = vim.api.nvim_create_augroup('parapet', { clear = true }),
    callback = function(args)
      -- The server decides by content; buffers that are not templates, policies or CDK get nothing.
      attach({
        name = 'parapet',
        cmd = { opts.node or 'node', opts.server, '--stdio' },
        root_dir = root_of(args.buf),
        settings = settings,
        init_options = { settings = settings.parapet },
      }, args.buf)
    end,
  })
end

return M
