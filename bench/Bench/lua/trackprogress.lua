-- Many learners updating their progress at once: each request is the next learner's
-- PUT /api/logger/trackprogress/<session>/ with its own session cookie and CSRF token.
local sessions = {}
local i = 0

function init(args)
  for line in io.lines(os.getenv("WRK_SESSIONS")) do
    local key, csrf, id = line:match("(%S+) (%S+) (%S+)")
    if key then table.insert(sessions, { key = key, csrf = csrf, id = id }) end
  end
  i = math.random(#sessions)
end

function request()
  i = i % #sessions + 1
  local s = sessions[i]
  return wrk.format("PUT", "/api/logger/trackprogress/" .. s.id .. "/", {
    ["Cookie"] = "kolibri=" .. s.key .. "; kolibri_csrftoken=" .. s.csrf,
    ["X-CSRFToken"] = s.csrf,
    ["Content-Type"] = "application/json",
  }, '{"progress_delta": 0.0001, "time_spent_delta": 1}')
end
