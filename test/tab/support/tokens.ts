import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload, type JWTVerifyGetKey } from "jose";

/**
 * A stand-in for Microsoft Entra ID: our own RSA keys, a local key set the server is given instead
 * of login.microsoftonline.com, and tokens shaped like Teams SSO tokens.
 */
export interface TokenIssuer {
  /** For ServerContext.tabSigningKeys: every tenant's keys are this local key set. */
  signingKeys: (tenantId: string) => JWTVerifyGetKey;
  sign(claims: TokenClaims, options?: SignOptions): Promise<string>;
}

export interface TokenClaims extends JWTPayload {
  tid: string;
  oid: string;
  scp?: string;
  name?: string;
}

export interface SignOptions {
  /** Sign with these keys instead (a forged token). */
  privateKey?: CryptoKey;
  kid?: string;
  issuer?: string;
  audience?: string;
  /** Seconds since the epoch; the tokens are valid for an hour from then. */
  issuedAt?: number;
  expiresAt?: number;
}

export const SIGNING_KEY_ID = "test-key-1";

export async function createTokenIssuer(clientId: string, now: () => Date): Promise<TokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: SIGNING_KEY_ID, alg: "RS256", use: "sig" }] });
  return {
    signingKeys: () => jwks,
    sign: async (claims, options = {}) => {
      const issuedAt = options.issuedAt ?? Math.floor(now().getTime() / 1000);
      return new SignJWT({ scp: "access_as_user", ...claims })
        .setProtectedHeader({ alg: "RS256", kid: options.kid ?? SIGNING_KEY_ID, typ: "JWT" })
        .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${claims.tid}/v2.0`)
        .setAudience(options.audience ?? clientId)
        .setIssuedAt(issuedAt)
        .setNotBefore(issuedAt)
        .setExpirationTime(options.expiresAt ?? issuedAt + 3600)
        .sign(options.privateKey ?? privateKey);
    },
  };
}

/** A key pair the server does not know, for forged signatures. */
export async function foreignPrivateKey(): Promise<CryptoKey> {
  return (await generateKeyPair("RS256")).privateKey;
}
