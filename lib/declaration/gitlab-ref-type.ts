/**
 * The `ref_type` claim of a GitLab CI ID token, as an enum-like class (jsii-shaped).
 * https://docs.gitlab.com/ci/secrets/id_token_authentication/#token-payload
 */
export class GitlabRefType {
  /** The pipeline runs for a branch. */
  public static readonly BRANCH = new GitlabRefType("branch");
  /** The pipeline runs for a tag. */
  public static readonly TAG = new GitlabRefType("tag");

  /** The claim value. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
    Object.freeze(this);
  }

  public toString(): string {
    return this.value;
  }
}
