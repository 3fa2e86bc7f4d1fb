import { render } from "solid-js/web";
import { App } from "./App.js";
import { createBrowserApi } from "./lib/api.js";
import "./styles.css";

const root = document.getElementById("root");
if (root) render(() => <App api={createBrowserApi()} />, root);
