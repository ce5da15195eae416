-- POST /products with a unique sku per request (the simulator answers 422 to a taken sku).
-- The sku prefix comes from /dev/urandom, so wrk threads and repeated runs never collide.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("/dev/urandom", "rb")
local bytes = f:read(6)
f:close()
local prefix = ""
for i = 1, #bytes do
  prefix = prefix .. string.format("%02x", bytes:byte(i))
end
local counter = 0
request = function()
  counter = counter + 1
  local body = '{"name":"Deluxe Widget","sku":"WID-' .. prefix .. '-' .. counter .. '","type":"simple",'
    .. '"description":"A deluxe widget for testing the simulator under load."}'
  return wrk.format(nil, nil, nil, body)
end
