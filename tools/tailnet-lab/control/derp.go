package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"

	"tailscale.com/derp/derpserver"
	"tailscale.com/net/stun"
	"tailscale.com/tailcfg"
	"tailscale.com/types/key"
)

// startDERPAndSTUN runs a DERP relay (TLS with a throwaway certificate, which
// InsecureForTests lets clients accept) and a STUN responder on ip, and
// returns the single-region DERP map that advertises them. It follows
// tstest/integration.RunDERPAndSTUN, which needs a testing.TB.
func startDERPAndSTUN(ip string, derpPort, stunPort int) (*tailcfg.DERPMap, func(), error) {
	d := derpserver.New(key.NewNode(), log.Printf)
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, strconv.Itoa(derpPort)))
	if err != nil {
		return nil, nil, fmt.Errorf("DERP listen: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/derp", derpserver.AddWebSocketSupport(d, derpserver.Handler(d)))
	mux.HandleFunc("/derp/probe", derpserver.ProbeHandler)
	mux.HandleFunc("/derp/latency-check", derpserver.ProbeHandler)
	mux.HandleFunc("/generate_204", derpserver.ServeNoContent)
	httpsrv := httptest.NewUnstartedServer(mux)
	httpsrv.Listener.Close()
	httpsrv.Listener = ln
	httpsrv.StartTLS()

	pc, err := net.ListenPacket("udp4", net.JoinHostPort(ip, strconv.Itoa(stunPort)))
	if err != nil {
		httpsrv.Close()
		return nil, nil, fmt.Errorf("STUN listen: %w", err)
	}
	go serveSTUN(pc)

	m := &tailcfg.DERPMap{
		OmitDefaultRegions: true,
		Regions: map[int]*tailcfg.DERPRegion{
			900: {
				RegionID:   900,
				RegionCode: "lab",
				RegionName: "Perry lab",
				Nodes: []*tailcfg.DERPNode{{
					Name:             "900a",
					RegionID:         900,
					HostName:         ip,
					IPv4:             ip,
					IPv6:             "none",
					STUNPort:         stunPort,
					DERPPort:         derpPort,
					InsecureForTests: true,
					STUNTestIP:       ip,
				}},
			},
		},
	}
	return m, func() { httpsrv.Close(); d.Close(); pc.Close() }, nil
}

// serveSTUN answers STUN binding requests with the sender's address.
func serveSTUN(pc net.PacketConn) {
	buf := make([]byte, 1500)
	for {
		n, addr, err := pc.ReadFrom(buf)
		if err != nil {
			return
		}
		txid, err := stun.ParseBindingRequest(buf[:n])
		if err != nil {
			continue
		}
		ua, ok := addr.(*net.UDPAddr)
		if !ok {
			continue
		}
		ap := netip.AddrPortFrom(netip.MustParseAddr(ua.IP.String()), uint16(ua.Port))
		pc.WriteTo(stun.Response(txid, ap), addr)
	}
}
