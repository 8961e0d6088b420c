package cn.liaison.platform.trust;

/** The authorization matrix on H2 (the default database). */
class AuthorizationMatrixTests extends AuthorizationMatrixContract {}
