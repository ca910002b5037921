-- wrk script for bench/http_load.sh: each request posts one new case event (an `opened` event of
-- a fresh case, so nothing is a duplicate) with the API key in DAYLIGHT_KEY, for the power in
-- DAYLIGHT_POWER.
local key = os.getenv("DAYLIGHT_KEY") or ""
local power = os.getenv("DAYLIGHT_POWER") or "XK-0"
local threads = 0
local counter = 0
-- `tag` is a global of each thread's Lua state, set by setup() (thread:set writes globals; a
-- `local tag` here would shadow it, and both threads would post the same ids).

function setup(thread)
  threads = threads + 1
  thread:set("tag", tostring(threads) .. "-" .. tostring(os.time()))
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. key
end

function request()
  counter = counter + 1
  local id = tag .. "-" .. counter
  -- Happened now, so the backdating rule has nothing to say about it.
  local body = '{"source":"bench","id":"' .. id .. '","type":"opened","case":"B-' .. id ..
      '","power":"' .. power .. '","actor":"bench","occurred":"' .. os.date("!%Y-%m-%dT%H:%M:%SZ") .. '"}'
  return wrk.format(nil, "/api/v1/events", nil, body)
end
