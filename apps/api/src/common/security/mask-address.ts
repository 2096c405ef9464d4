/** The requester's address, masked: IPv4 keeps two octets, IPv6 two groups. */
export function maskAddress(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const v4 = ip.replace(/^::ffff:/, '');
  const m = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(v4);
  if (m) return `${m[1]}.${m[2]}.*.*`;
  const groups = ip.split(':').filter(Boolean);
  return groups.length ? `${groups.slice(0, 2).join(':')}:*` : null;
}
