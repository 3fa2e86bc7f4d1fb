// Command perry-lab-control is the control plane of Perry's test tailnet: a
// testcontrol server (pre-auth keys, MagicDNS, optional HTTPS) plus DERP and
// STUN, all bound to one address, and a small admin JSON API under /lab/.
//
//	perry-lab-control --addr=auto --https
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"perry.dev/tools/tailnet-lab/control/testcontrol"
	"tailscale.com/tailcfg"
)

type settings struct {
	addr             string
	port, derpPort   int
	stunPort         int
	https            bool
	magicDNSDomain   string
	authKey          string
	user             string
	ephemeralTimeout time.Duration
	verbose          bool
}

func parseFlags() settings {
	var s settings
	flag.StringVar(&s.addr, "addr", "127.0.0.1", `IPv4 address for control, DERP and STUN; "auto" = this host's first non-loopback IPv4 (for containers)`)
	flag.IntVar(&s.port, "port", 8080, "control and /lab/ admin HTTP port")
	flag.IntVar(&s.derpPort, "derp-port", 8443, "DERP (TLS, self-signed) port")
	flag.IntVar(&s.stunPort, "stun-port", 3478, "STUN UDP port")
	flag.BoolVar(&s.https, "https", false, "tailnet has HTTPS enabled (cert domains + https node capability)")
	flag.StringVar(&s.magicDNSDomain, "magic-dns-domain", "tail-lab.ts.net", "MagicDNS suffix")
	flag.StringVar(&s.authKey, "auth-key", "", "the initial reusable pre-auth key (default: random tskey-auth-lab-…)")
	flag.StringVar(&s.user, "user", "owner@example.com", "login name owning the initial auth key")
	flag.DurationVar(&s.ephemeralTimeout, "ephemeral-timeout", 30*time.Second, "remove ephemeral nodes offline this long")
	flag.BoolVar(&s.verbose, "verbose", false, "log every control request")
	flag.Parse()
	return s
}

func main() {
	s := parseFlags()
	if err := run(s); err != nil {
		log.Fatalf("perry-lab-control: %v", err)
	}
}

func run(s settings) error {
	ip, err := resolveAddr(s.addr)
	if err != nil {
		return err
	}
	if s.authKey == "" {
		s.authKey = newAuthKey()
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	derpMap, closeDERP, err := startDERPAndSTUN(ip, s.derpPort, s.stunPort)
	if err != nil {
		return err
	}
	defer closeDERP()

	baseURL := "http://" + net.JoinHostPort(ip, strconv.Itoa(s.port))
	control := &testcontrol.Server{
		DERPMap:         derpMap,
		ExplicitBaseURL: baseURL,
		MagicDNSDomain:  s.magicDNSDomain,
		DNSConfig: &tailcfg.DNSConfig{
			Proxied: true, // MagicDNS on: clients with --accept-dns resolve peer names via 100.100.100.100
			Domains: []string{s.magicDNSDomain},
		},
		Verbose: s.verbose,
	}
	control.ConfigureLab(s.https)
	control.AddAuthKey(testcontrol.AuthKey{Key: s.authKey, User: s.user})
	go control.ReapEphemeral(ctx, s.ephemeralTimeout)

	mux := http.NewServeMux()
	mux.Handle("/lab/", adminHandler(control, labInfo{ControlURL: baseURL, MagicDNSSuffix: s.magicDNSDomain, AuthKey: s.authKey}))
	mux.Handle("/", control)
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, strconv.Itoa(s.port)))
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux}
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdownCtx)
	}()
	log.Printf("perry-lab-control: control %s, DERP %s:%d, STUN %s:%d, MagicDNS %s, HTTPS %v", baseURL, ip, s.derpPort, ip, s.stunPort, s.magicDNSDomain, s.https)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// resolveAddr turns "auto" into the first non-loopback IPv4 address, so a
// container can bind to its own bridge address without knowing it in advance.
func resolveAddr(addr string) (string, error) {
	if addr != "auto" {
		if ip := net.ParseIP(addr); ip == nil || ip.To4() == nil {
			return "", fmt.Errorf("--addr %q is not an IPv4 address", addr)
		}
		return addr, nil
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return "", err
	}
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() && ipn.IP.To4() != nil {
			return ipn.IP.String(), nil
		}
	}
	return "", errors.New("--addr=auto: no non-loopback IPv4 address")
}

func newAuthKey() string {
	b := make([]byte, 12)
	rand.Read(b)
	return "tskey-auth-lab" + hex.EncodeToString(b[:4]) + "-" + hex.EncodeToString(b[4:])
}

func init() { log.SetOutput(os.Stderr); log.SetFlags(log.LstdFlags | log.Lmicroseconds) }
