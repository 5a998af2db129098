pub type UserId = Int
pub type Email = String
