-- Headless Neovim check driven by test/editors/nvim.test.ts:
--   nvim --headless --clean -c "luafile run-test.lua"
-- with PARAPET_SERVER, PARAPET_FIXTURE and PARAPET_OUT in the environment. Writes a JSON result.
local out = assert(os.getenv('PARAPET_OUT'))
local result = { nvim = vim.version(), steps = {} }

local function finish(code)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(code == 0 and 'qall!' or 'cquit! ' .. code)
end

local function simplify(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, { lnum = d.lnum, col = d.col, message = d.message, source = d.source or lsp.source, code = d.code or lsp.code, severity = d.severity })
  end
  return list
end

local function has(bufnr, code)
  for _, d in ipairs(simplify(bufnr)) do
    if d.code == code then return true end
  end
  return false
end

local ok, err = pcall(function()
  vim.cmd('filetype on')
  local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
  dofile(here .. '/parapet.lua').setup({ server = assert(os.getenv('PARAPET_SERVER')) })
  vim.cmd('edit ' .. vim.fn.fnameescape(assert(os.getenv('PARAPET_FIXTURE'))))
  local buf = vim.api.nvim_get_current_buf()

  -- Deadline waits on a condition, never a fixed sleep.
  if not vim.wait(30000, function() return has(buf, 'ec2-imdsv2-required') end, 50) then
    error('no ec2-imdsv2-required diagnostic within 30 s; got ' .. vim.fn.json_encode(simplify(buf)))
  end
  result.before = simplify(buf)

  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp
    if d.code == 'ec2-imdsv2-required' or (lsp and lsp.code == 'ec2-imdsv2-required') then target = d end
  end
  -- Rebuild the LSP diagnostic: Neovim keeps the server's extra fields (code, data…) in user_data.lsp,
  -- and newer versions the whole diagnostic; the server's quick fixes key on `data`.
  local lsp_diag = vim.tbl_extend('force', {
    range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } },
    message = target.message, code = target.code, source = target.source, severity = target.severity,
  }, (target.user_data or {}).lsp or {})
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
  result.actions = {}
  local chosen, client_id
  for id, r in pairs(responses) do
    for _, a in ipairs(r.result or {}) do
      table.insert(result.actions, a.title)
      if not chosen and a.edit and a.title:find('IMDSv2') then chosen, client_id = a, id end
    end
  end
  if not chosen then error('no IMDSv2 fix among ' .. vim.fn.json_encode(result.actions)) end
  result.applied = chosen.title
  local client = vim.lsp.get_client_by_id(client_id)
  vim.lsp.util.apply_workspace_edit(chosen.edit, client and client.offset_encoding or 'utf-16')

  if not vim.wait(30000, function() return not has(buf, 'ec2-imdsv2-required') end, 50) then
    error('ec2-imdsv2-required still reported after the fix: ' .. vim.fn.json_encode(simplify(buf)))
  end
  result.after = simplify(buf)
  result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
end)

if not ok then
  result.error = tostring(err)
  finish(3)
else
  finish(0)
end
