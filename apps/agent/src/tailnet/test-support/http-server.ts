/**
 * argv for a one-connection-at-a-time HTTP server on port 3000 that answers every request with `text`,
 * built from what the workspace image already has (perl's IO::Socket), for `docker exec -d`.
 */
export const httpServer = (text: string): string[] => [
  "perl",
  "-MIO::Socket::INET",
  "-e",
  `$s = IO::Socket::INET->new(LocalPort => 3000, Listen => 5, ReuseAddr => 1) or die "listen: $!";
   while ($c = $s->accept) { while (<$c>) { last if /^\\r?$/ } print $c "HTTP/1.0 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\n${text}\\n"; close $c }`,
];
