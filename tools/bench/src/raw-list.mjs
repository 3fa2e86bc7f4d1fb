// The baseline process for `perry list`: Node start-up plus one label-filtered container list on the Engine
// API, parsed and counted. Plain JavaScript with node:http only, so nothing but the call itself is added.
import { request } from "node:http";

const socketPath = process.env.DOCKER_SOCKET || "/var/run/docker.sock";
const filters = encodeURIComponent(JSON.stringify({ label: ["dev.perry.managed=true"] }));
request({ socketPath, path: `/containers/json?all=1&filters=${filters}` }, (res) => {
  let text = "";
  res.setEncoding("utf8");
  res.on("data", (chunk) => {
    text += chunk;
  });
  res.on("end", () => {
    if (res.statusCode !== 200) {
      console.error(`list failed: ${res.statusCode} ${text}`);
      process.exit(1);
    }
    console.log(JSON.parse(text).length);
  });
}).end();
