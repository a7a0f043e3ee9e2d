-- A phone's visit, over and over: GET the form, then POST valid answers with that form's token.
-- wrk calls `request` when a connection is free and `response` when an answer arrives.
local tokens = {}
local path = "/demo/eit"
local answers = ""
stored, pages, other = 0, 0, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  answers = args[1]
end

function request()
  local token = table.remove(tokens)
  if token then
    return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded" },
      answers .. "&token=" .. token)
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status == 303 then
    stored = stored + 1
  elseif status == 200 then
    pages = pages + 1
    local token = body:match('name="token" value="([^"]+)"')
    if token then table.insert(tokens, token) end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local total_stored, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_stored = total_stored + thread:get("stored")
    total_other = total_other + thread:get("other")
  end
  io.write(string.format("stored %d other %d seconds %.3f\n", total_stored, total_other, summary.duration / 1e6))
end
