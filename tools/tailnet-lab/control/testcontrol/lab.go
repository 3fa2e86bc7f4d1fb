// Copyright (c) Perry contributors
// SPDX-License-Identifier: BSD-3-Clause

package testcontrol

// perry-lab: the behaviour Perry's tests need on top of upstream testcontrol,
// modelled on the production control server:
//   - several reusable pre-auth keys, each owned by a user (nodes of different users in one tailnet),
//   - `tailscale logout` removes the node from the tailnet (peers drop it from their netmaps),
//   - per-node online presence from the streaming map poll, and ephemeral nodes
//     removed once they have been offline for a while,
//   - unique DNS names (a second "myproject" becomes "myproject-1"),
//   - HTTPS (cert domains + the "https" node capability) switchable at run time.

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"tailscale.com/tailcfg"
	"tailscale.com/types/key"
	"tailscale.com/util/dnsname"
	"tailscale.com/util/mak"
	"tailscale.com/util/must"
)

// AuthKey is a reusable pre-auth key; nodes that register with it belong to User.
type AuthKey struct {
	Key       string `json:"key"`
	User      string `json:"user"`
	Ephemeral bool   `json:"ephemeral"`
}

// LabNode is the admin view of a node.
type LabNode struct {
	ID        tailcfg.NodeID `json:"id"`
	StableID  string         `json:"stableId"`
	Name      string         `json:"name"`
	Hostname  string         `json:"hostname"`
	DNSName   string         `json:"dnsName"`
	IPs       []string       `json:"ips"`
	Online    bool           `json:"online"`
	Ephemeral bool           `json:"ephemeral"`
	User      string         `json:"user"`
	LastSeen  *time.Time     `json:"lastSeen,omitempty"`
}

// LabUser is the admin view of a user.
type LabUser struct {
	ID          tailcfg.UserID `json:"id"`
	LoginName   string         `json:"loginName"`
	DisplayName string         `json:"displayName"`
}

type labState struct {
	https     bool
	authKeys  map[string]AuthKey
	users     map[string]*tailcfg.User // by login name
	nodeUser  map[key.NodePublic]string
	ephemeral map[key.NodePublic]bool
	polls     map[tailcfg.NodeID]int
	lastSeen  map[tailcfg.NodeID]time.Time
	// removed lists every node ever removed: a full map response with no peers left is read by
	// clients as "peers unchanged", so removals are also sent as PeersRemoved.
	removed []tailcfg.NodeID
	nextID    tailcfg.NodeID
}

// ConfigureLab installs the lab's hooks. Call it once, before serving.
func (s *Server) ConfigureLab(https bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lab.https = https
	s.lab.polls = map[tailcfg.NodeID]int{}
	// Upstream grants "https" to every node; the lab adds it only while HTTPS is on (labSelfCaps).
	s.DefaultNodeCapabilities = &tailcfg.NodeCapMap{tailcfg.CapabilityFileSharing: nil}
	s.HoldMapRequest = s.labTrackPoll
}

// SetHTTPS switches the tailnet's HTTPS feature and pushes new netmaps.
func (s *Server) SetHTTPS(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lab.https = on
	s.updateLocked("SetHTTPS", s.nodeIDsLocked(0))
}

// HTTPS reports whether the tailnet's HTTPS feature is on.
func (s *Server) HTTPS() bool { return s.labHTTPS() }

func (s *Server) labHTTPS() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lab.https
}

// AddAuthKey registers a pre-auth key (and its user, on first use of the login name).
func (s *Server) AddAuthKey(k AuthKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	mak.Set(&s.lab.authKeys, k.Key, k)
	s.labEnsureUserLocked(k.User)
}

// AuthKeys lists the registered pre-auth keys.
func (s *Server) AuthKeys() []AuthKey {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]AuthKey, 0, len(s.lab.authKeys))
	for _, k := range s.lab.authKeys {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].Key < keys[j].Key })
	return keys
}

// Users lists the tailnet's users.
func (s *Server) Users() []LabUser {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []LabUser
	for login, u := range s.lab.users {
		out = append(out, LabUser{ID: u.ID, LoginName: login, DisplayName: u.DisplayName})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (s *Server) labEnsureUserLocked(login string) *tailcfg.User {
	if u, ok := s.lab.users[login]; ok {
		return u
	}
	u := &tailcfg.User{ID: tailcfg.UserID(len(s.lab.users) + 1), DisplayName: strings.Split(login, "@")[0]}
	mak.Set(&s.lab.users, login, u)
	return u
}

func (s *Server) labUserLocked(nk key.NodePublic) (*tailcfg.User, *tailcfg.Login, bool) {
	login, ok := s.lab.nodeUser[nk]
	if !ok {
		return nil, nil, false
	}
	u := s.labEnsureUserLocked(login)
	return u.Clone(), &tailcfg.Login{
		ID:          tailcfg.LoginID(u.ID),
		Provider:    "perry-lab",
		LoginName:   login,
		DisplayName: u.DisplayName,
	}, true
}

// Nodes lists every node with its presence, user and ephemeral flag.
func (s *Server) Nodes() []LabNode {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []LabNode
	for k, n := range s.nodes {
		ln := LabNode{
			ID:        n.ID,
			StableID:  string(n.StableID),
			Name:      strings.SplitN(n.Name, ".", 2)[0],
			Hostname:  n.Hostinfo.Hostname(),
			DNSName:   n.Name,
			Online:    s.lab.polls[n.ID] > 0,
			Ephemeral: s.lab.ephemeral[k],
			User:      s.lab.nodeUser[k],
		}
		for _, a := range n.Addresses {
			ln.IPs = append(ln.IPs, a.Addr().String())
		}
		if t, ok := s.lab.lastSeen[n.ID]; ok {
			ln.LastSeen = &t
		}
		out = append(out, ln)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// RemoveNode deletes a node from the tailnet, ends its map poll and tells its peers.
func (s *Server) RemoveNode(id tailcfg.NodeID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.labRemoveLocked(id)
}

func (s *Server) labRemoveLocked(id tailcfg.NodeID) bool {
	for k, n := range s.nodes {
		if n.ID != id {
			continue
		}
		s.logf("perry-lab: removing node %d (%s)", id, n.Name)
		delete(s.nodes, k)
		delete(s.users, k)
		delete(s.logins, k)
		delete(s.lab.nodeUser, k)
		delete(s.lab.ephemeral, k)
		delete(s.lab.polls, id)
		delete(s.lab.lastSeen, id)
		s.lab.removed = append(s.lab.removed, id)
		if ch, ok := s.updates[id]; ok {
			close(ch) // ends the node's streaming poll
			delete(s.updates, id)
		}
		s.updateLocked("RemoveNode", s.nodeIDsLocked(0))
		return true
	}
	return false
}

// labRegister handles the register cases upstream does not: logout and
// per-key users. It reports whether it wrote the response.
func (s *Server) labRegister(w http.ResponseWriter, req *tailcfg.RegisterRequest, mkey key.MachinePublic) bool {
	reply := func(res tailcfg.RegisterResponse) bool {
		w.WriteHeader(200)
		w.Write(must.Get(s.encode(false, res)))
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	node := s.nodes[req.NodeKey]
	// `tailscale logout` registers with an expiry in the far past (controlclient.TryLogout).
	if !req.Expiry.IsZero() && req.Expiry.Before(time.Now()) {
		if node != nil && node.Machine == mkey {
			s.labRemoveLocked(node.ID)
		}
		return reply(tailcfg.RegisterResponse{NodeKeyExpired: true})
	}
	if node != nil || s.nodes[req.OldNodeKey] != nil {
		return false // a known node refreshing its key needs no auth key
	}
	var authKey string
	if req.Auth != nil {
		authKey = req.Auth.AuthKey
	}
	k, ok := s.lab.authKeys[authKey]
	if !ok && s.RequireAuthKey != "" && authKey == s.RequireAuthKey {
		k, ok = AuthKey{Key: authKey, User: "owner@example.com"}, true
	}
	if !ok {
		return reply(tailcfg.RegisterResponse{Error: "invalid key: unable to validate API key"})
	}
	mak.Set(&s.lab.nodeUser, req.NodeKey, k.User)
	if k.Ephemeral || req.Ephemeral {
		mak.Set(&s.lab.ephemeral, req.NodeKey, true)
	}
	return false
}

func (s *Server) labNextNodeIDLocked() int {
	s.lab.nextID++
	return int(s.lab.nextID)
}

func (s *Server) labNodeAddedLocked(n *tailcfg.Node, req *tailcfg.RegisterRequest) {
	s.logf("perry-lab: node %d registered as %s (user %s, ephemeral %v)", n.ID, n.Name, s.lab.nodeUser[n.Key], s.lab.ephemeral[n.Key])
}

// labUniqueNameLocked returns a DNS label for hostname that no other node uses,
// the way the production control server suffixes duplicates.
func (s *Server) labUniqueNameLocked(hostname string) string {
	base := dnsname.SanitizeHostname(hostname)
	if base == "" {
		base = "node"
	}
	var taken []string
	for _, n := range s.nodes {
		taken = append(taken, strings.SplitN(n.Name, ".", 2)[0])
	}
	name := base
	for i := 1; slices.Contains(taken, name); i++ {
		name = base + "-" + strconv.Itoa(i)
	}
	return name
}

// labSelfCaps adds the capabilities that depend on tailnet settings to a node's own MapResponse.
func (s *Server) labSelfCaps(n *tailcfg.Node) {
	if s.labHTTPS() {
		mak.Set(&n.CapMap, tailcfg.CapabilityHTTPS, nil)
	}
}

// labSetPresence fills a peer's Online/LastSeen from the map polls seen.
func (s *Server) labSetPresence(p *tailcfg.Node) {
	s.mu.Lock()
	defer s.mu.Unlock()
	online := s.lab.polls[p.ID] > 0
	p.Online = &online
	if t, ok := s.lab.lastSeen[p.ID]; ok && !online {
		p.LastSeen = &t
	}
}

// labTrackPoll counts a node's streaming map polls: a node is online while it has one.
func (s *Server) labTrackPoll(req *tailcfg.MapRequest) (done func()) {
	if !req.Stream || req.ReadOnly {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.nodes[req.NodeKey]
	if n == nil {
		return nil
	}
	id := n.ID
	s.lab.polls[id]++
	if s.lab.polls[id] == 1 {
		s.updateLocked("online", s.nodeIDsLocked(id))
	}
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if _, ok := s.lab.polls[id]; !ok {
			return // removed meanwhile
		}
		s.lab.polls[id]--
		mak.Set(&s.lab.lastSeen, id, time.Now())
		if s.lab.polls[id] == 0 {
			s.updateLocked("offline", s.nodeIDsLocked(id))
		}
	}
}

// ReapEphemeral removes ephemeral nodes that have been offline for longer than after, until ctx ends.
func (s *Server) ReapEphemeral(ctx context.Context, after time.Duration) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			s.mu.Lock()
			for k, n := range s.nodes {
				seen, ok := s.lab.lastSeen[n.ID]
				if s.lab.ephemeral[k] && s.lab.polls[n.ID] == 0 && ok && now.Sub(seen) > after {
					s.labRemoveLocked(n.ID)
				}
			}
			s.mu.Unlock()
		}
	}
}

// labServeFeatureQuery answers `tailscale serve`/`funnel` asking how to enable HTTPS,
// the way production control does when the tailnet has not enabled it.
func (s *Server) labServeFeatureQuery(w http.ResponseWriter, r *http.Request) {
	var req tailcfg.QueryFeatureRequest
	json.NewDecoder(r.Body).Decode(&req)
	res := tailcfg.QueryFeatureResponse{Complete: s.labHTTPS()}
	if !res.Complete {
		res.Text = "HTTPS is not enabled on your tailnet (perry lab: start it with --https or POST /lab/https)."
		res.URL = s.BaseURL() + "/lab/https"
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(res)
}

// labRemoved returns a copy of the IDs of removed nodes, for MapResponse.PeersRemoved.
func (s *Server) labRemoved() []tailcfg.NodeID {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]tailcfg.NodeID(nil), s.lab.removed...)
}
