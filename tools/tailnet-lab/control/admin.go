package main

import (
	"encoding/json"
	"net/http"
	"strconv"

	"perry.dev/tools/tailnet-lab/control/testcontrol"
	"tailscale.com/tailcfg"
)

// labInfo is what GET /lab/config reports: how to join the lab.
type labInfo struct {
	ControlURL     string `json:"controlUrl"`
	MagicDNSSuffix string `json:"magicDnsSuffix"`
	AuthKey        string `json:"authKey"`
	HTTPS          bool   `json:"https"`
}

// adminHandler serves the test-only admin API:
//
//	GET    /lab/config            {controlUrl, magicDnsSuffix, authKey, https}
//	GET    /lab/nodes             [LabNode]
//	DELETE /lab/nodes/{id}        204 | 404
//	GET    /lab/users             [LabUser]
//	GET    /lab/authkeys          [AuthKey]
//	POST   /lab/authkeys          {user?, ephemeral?} -> AuthKey (a new reusable key; a new login name makes a new user)
//	POST   /lab/https             {enabled} -> {https}
func adminHandler(c *testcontrol.Server, info labInfo) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /lab/config", func(w http.ResponseWriter, r *http.Request) {
		info := info
		info.HTTPS = c.HTTPS()
		writeJSON(w, http.StatusOK, info)
	})
	mux.HandleFunc("GET /lab/nodes", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, orEmpty(c.Nodes()))
	})
	mux.HandleFunc("DELETE /lab/nodes/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || !c.RemoveNode(tailcfg.NodeID(id)) {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no such node"})
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /lab/users", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, orEmpty(c.Users()))
	})
	mux.HandleFunc("GET /lab/authkeys", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, orEmpty(c.AuthKeys()))
	})
	mux.HandleFunc("POST /lab/authkeys", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			User      string `json:"user"`
			Ephemeral bool   `json:"ephemeral"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil && r.ContentLength != 0 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		k := testcontrol.AuthKey{Key: newAuthKey(), User: req.User, Ephemeral: req.Ephemeral}
		if k.User == "" {
			k.User = "owner@example.com"
		}
		c.AddAuthKey(k)
		writeJSON(w, http.StatusCreated, k)
	})
	mux.HandleFunc("POST /lab/https", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Enabled bool `json:"enabled"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		c.SetHTTPS(req.Enabled)
		writeJSON(w, http.StatusOK, map[string]bool{"https": c.HTTPS()})
	})
	return mux
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
