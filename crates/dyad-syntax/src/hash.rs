//! Feature hashing: every feature is a template id combined with a few 64-bit atoms (word hashes,
//! tag ids, distances), folded into a 32-bit key. 32 bits are enough: a few million stored keys in
//! a 2^32 space collide rarely, and a collision only merges two features' weights.

/// Folds `v` into the running hash `h` (multiply–xorshift; cheap and well mixed).
#[inline]
pub(crate) fn mix(h: u64, v: u64) -> u64 {
    let x = (h ^ v.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

/// A 64-bit FNV-1a hash of a string, finalized so that short strings spread over all bits.
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

#[inline]
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in b {
        h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
    }
    mix(h, b.len() as u64)
}

/// The final 32-bit key of a feature (never 0, which marks an empty slot).
#[inline]
pub(crate) fn key(h: u64) -> u32 {
    let x = mix(h, 0x5151_5151);
    let k = (x >> 32) as u32;
    if k == 0 {
        1
    } else {
        k
    }
}

/// Small deterministic PRNG (SplitMix64) for shuffling and exploration during training.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed ^ 0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `[0, 1)`.
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_nonzero_and_distinct() {
        let a = key(mix(mix(1, hash_str("dog")), 0));
        let b = key(mix(mix(2, hash_str("dog")), 0));
        let c = key(mix(mix(1, hash_str("dogs")), 0));
        assert!(a != 0 && b != 0 && c != 0);
        assert!(a != b && a != c);
    }

    #[test]
    fn rng_is_deterministic() {
        let mut r1 = Rng::new(7);
        let mut r2 = Rng::new(7);
        for _ in 0..10 {
            assert_eq!(r1.next_u64(), r2.next_u64());
        }
        let f = Rng::new(3).next_f64();
        assert!((0.0..1.0).contains(&f));
    }
}
